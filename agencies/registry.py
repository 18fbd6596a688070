"""The registry of organisms, read from `agencies/data/organisms.yaml` and validated at load.

Organisms are reference data that changes with the law, not with users: they live in a data file,
and models refer to them by `code` (see `AGENCY_CHOICES`).
"""

from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from pydantic import BaseModel, ConfigDict, HttpUrl, ValidationError

REGISTRY_FILE = Path(__file__).resolve().parent / "data" / "organisms.yaml"


class Organism(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    short_name: str
    description: str
    contact_url: HttpUrl
    online_services_url: HttpUrl


def load_organisms(path: Path = REGISTRY_FILE) -> dict[str, Organism]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ImproperlyConfigured(f"{path}: cannot read the organisms registry: {e}") from e
    organisms: dict[str, Organism] = {}
    for index, entry in enumerate(entries or []):
        try:
            organism = Organism.model_validate(entry)
        except ValidationError as e:
            fields = ", ".join(".".join(str(part) for part in error["loc"]) for error in e.errors())
            raise ImproperlyConfigured(f"{path}: entry {index}: invalid field(s) {fields}: {e}") from e
        if organism.code in organisms:
            raise ImproperlyConfigured(f"{path}: entry {index}: duplicate code {organism.code!r}")
        organisms[organism.code] = organism
    return organisms


@cache
def organisms() -> dict[str, Organism]:
    return load_organisms()


def organism(code: str) -> Organism:
    return organisms()[code]


AGENCY_CHOICES = [(code, item.short_name) for code, item in load_organisms().items()]
