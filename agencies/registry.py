"""The registry of organisms, read from `agencies/data/organisms.yaml` and validated at load.

Organisms are reference data that changes with the law, not with users: they live in a data file,
and models refer to them by `code` (see `AGENCY_CHOICES`).
"""

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, HttpUrl

from agencies.datafile import load_entries

REGISTRY_FILE = Path(__file__).resolve().parent / "data" / "organisms.yaml"


class Organism(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    short_name: str
    description: str
    contact_url: HttpUrl
    online_services_url: HttpUrl
    with_article: str  # "la CAF", "l'Assurance Maladie", "France Travail" (see agencies.french)


def load_organisms(path: Path = REGISTRY_FILE) -> dict[str, Organism]:
    return load_entries(path, Organism)


@cache
def organisms() -> dict[str, Organism]:
    return load_organisms()


def organism(code: str) -> Organism:
    return organisms()[code]


AGENCY_CHOICES = [(code, item.short_name) for code, item in load_organisms().items()]
