"""The list of computed benefits (``benefits.yaml``), validated at load."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

CATALOGUE_PATH = Path(__file__).with_name("benefits.yaml")


class BenefitDefinition(BaseModel):
    """One benefit: which OpenFisca variable, over which entity and period, and how it is shown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    variable: str
    entity: Literal["individu", "famille", "menage"]
    period: Literal["month", "year"]
    periodicity: Literal["mensuelle", "annuelle", "ponctuelle"]
    kind: Literal["amount", "percent", "bool", "participation"] = "amount"
    floor_at: float = Field(default=1, gt=0)
    explain: tuple[str, ...] = ()
    territory: tuple[str, ...] = ()

    def applies_to(self, depcom: str) -> bool:
        """Whether the benefit exists where the household lives (national ones exist everywhere)."""
        return not self.territory or depcom.startswith(self.territory)


@functools.cache
def load_catalogue(path: Path = CATALOGUE_PATH) -> tuple[BenefitDefinition, ...]:
    """Read and validate the catalogue; checks variables and entities against the OpenFisca system."""
    from simulator.engine.system import get_tax_benefit_system

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    benefits = TypeAdapter(tuple[BenefitDefinition, ...]).validate_python(raw)
    keys = [benefit.key for benefit in benefits]
    if len(set(keys)) != len(keys):
        raise ValueError(f"Duplicate benefit keys in {path.name}")
    system = get_tax_benefit_system()
    for benefit in benefits:
        variable = system.variables.get(benefit.variable)
        if variable is None:
            raise ValueError(f"{benefit.key}: unknown OpenFisca variable {benefit.variable}")
        if variable.entity.key != benefit.entity:
            raise ValueError(f"{benefit.key}: {benefit.variable} belongs to {variable.entity.key}")
        if variable.definition_period.value != benefit.period:
            raise ValueError(f"{benefit.key}: {benefit.variable} is defined by {variable.definition_period}")
        for name in benefit.explain:
            if name not in system.variables:
                raise ValueError(f"{benefit.key}: unknown explanation variable {name}")
    return benefits


def benefit_by_key(key: str) -> BenefitDefinition:
    """The catalogue entry for ``key`` (KeyError if unknown)."""
    return {benefit.key: benefit for benefit in load_catalogue()}[key]
