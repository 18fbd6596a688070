"""The data sources a person can consent to, read from `agencies/data/sources.yaml`."""

from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from pydantic import BaseModel, ConfigDict, ValidationError

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
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ImproperlyConfigured(f"{path}: cannot read the data sources: {e}") from e
    sources: dict[str, Source] = {}
    for index, entry in enumerate(entries or []):
        try:
            source = Source.model_validate(entry)
        except ValidationError as e:
            raise ImproperlyConfigured(f"{path}: entry {index}: {e}") from e
        unknown = [code for code in source.organisms if code not in organisms]
        if unknown:
            raise ImproperlyConfigured(f"{path}: entry {index} ({source.code}): unknown organisms {unknown}")
        sources[source.code] = source
    return sources


@cache
def sources() -> dict[str, Source]:
    return load_sources()


SOURCE_CHOICES = [(code, source.label) for code, source in load_sources().items()]
