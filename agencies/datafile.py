"""Reading reference data files (YAML lists) into validated models, with errors naming the file,
the entry and the field."""

from pathlib import Path
from typing import TypeVar

import yaml
from django.core.exceptions import ImproperlyConfigured
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


def load_entries(path: Path, model: type[Model], *, key: str = "code") -> dict[str, Model]:
    """The file's entries keyed by `key`; ImproperlyConfigured on unreadable files, invalid fields or
    duplicate keys."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ImproperlyConfigured(f"{path}: cannot read: {e}") from e
    loaded: dict[str, Model] = {}
    for index, entry in enumerate(entries or []):
        try:
            item = model.model_validate(entry)
        except ValidationError as e:
            fields = ", ".join(".".join(str(part) for part in error["loc"]) for error in e.errors())
            raise ImproperlyConfigured(f"{path}: entry {index}: invalid field(s) {fields}: {e}") from e
        identifier = getattr(item, key)
        if identifier in loaded:
            raise ImproperlyConfigured(f"{path}: entry {index}: duplicate {key} {identifier!r}")
        loaded[identifier] = item
    return loaded
