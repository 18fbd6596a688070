"""The data sources a person can consent to, read from `agencies/data/sources.yaml`."""

from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from pydantic import BaseModel, ConfigDict

from agencies.datafile import load_entries
from agencies.registry import load_organisms

SOURCES_FILE = Path(__file__).resolve().parent / "data" / "sources.yaml"


class Dataset(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    organisms: tuple[str, ...]
    label: str
    purpose: str
    needs_identifier: bool = False
    datasets: tuple[Dataset, ...]


def load_sources(path: Path = SOURCES_FILE) -> dict[str, Source]:
    organisms = load_organisms()
    sources = load_entries(path, Source)
    for source in sources.values():
        unknown = [code for code in source.organisms if code not in organisms]
        if unknown:
            raise ImproperlyConfigured(f"{path}: source {source.code}: unknown organisms {unknown}")
    return sources


@cache
def sources() -> dict[str, Source]:
    return load_sources()


SOURCE_CHOICES = [(code, source.label) for code, source in load_sources().items()]
