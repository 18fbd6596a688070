"""'Montant inattendu ?': why the amount paid may differ from the estimate, per family of benefits.

The texts are data (``data/unexpected_amounts.yaml``), checked when first read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "unexpected_amounts.yaml"


@dataclass(frozen=True)
class Reason:
    title: str
    text: str


def _reasons(raw: list, *, where: str) -> tuple[Reason, ...]:
    if not raw or not all(isinstance(r, dict) and set(r) == {"title", "text"} for r in raw):
        raise ValueError(f"{DATA.name}: {where} needs reasons, each with a title and a text only")
    return tuple(Reason(title=str(r["title"]), text=str(r["text"])) for r in raw)


@cache
def _load() -> tuple[dict[str, tuple[Reason, ...]], dict[str, str], tuple[Reason, ...]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    families, family_of = {}, {}
    for name, family in data["families"].items():
        families[name] = _reasons(family.get("reasons"), where=f"family {name}")
        for key in family["benefits"]:
            if key in family_of:
                raise ValueError(f"{DATA.name}: {key} is in both {family_of[key]} and {name}")
            family_of[key] = name
    if "other" not in families:
        raise ValueError(f"{DATA.name}: the family 'other' is missing")
    return families, family_of, _reasons(data.get("common"), where="common")


def unexpected_amount_reasons(benefit_key: str, *, month: str) -> list[Reason]:
    """The reasons for ``benefit_key`` (its family's, then the common ones), for the month simulated."""
    families, family_of, common = _load()
    n_2 = str(int(month[:4]) - 2)
    return [
        Reason(title=r.title.replace("{n_2}", n_2), text=r.text.replace("{n_2}", n_2))
        for r in [*families[family_of.get(benefit_key, "other")], *common]
    ]
