"""The official OpenAPI documents in ../shared/contracts, turned into JSON Schemas to validate answers."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

REPO_ROOT = Path(__file__).resolve().parents[3]
CONTRACTS = REPO_ROOT.parent / "shared" / "contracts"
PARTICULIER_SPEC = CONTRACTS / "siade_staging_data" / "openapi_files" / "api_particulier.yaml"
IMPOT_SPEC = CONTRACTS / "api.gouv.fr" / "public" / "swaggers" / "api-impot-particulier.json"
IMPOT_SERVER_PREFIX = "/impotparticulier/1.0"


def contracts_available() -> bool:
    return PARTICULIER_SPEC.exists() and IMPOT_SPEC.exists()


def _inlined(node: Any, document: dict[str, Any]) -> Any:
    """Resolve local $refs and translate OpenAPI 3.0 ``nullable`` into JSON Schema."""
    if isinstance(node, list):
        return [_inlined(item, document) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return _inlined(target, document)
    schema = {
        key: _inlined(value, document)
        for key, value in node.items()
        if key not in ("example", "examples", "nullable", "x-operationId")
    }
    if node.get("nullable") is True:
        if "type" in schema:
            schema["type"] = [schema["type"], "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
    return schema


@cache
def _particulier() -> dict[str, Any]:
    with PARTICULIER_SPEC.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@cache
def _impot() -> dict[str, Any]:
    return json.loads(IMPOT_SPEC.read_text(encoding="utf-8"))


def _response_schema(document: dict[str, Any], path: str, status: int) -> dict[str, Any] | None:
    responses = document["paths"][path]["get"]["responses"]
    response = responses.get(str(status)) or (responses.get("default") if status == 200 else None)
    if response is None or "content" not in response:
        return None
    return next(iter(response["content"].values()))["schema"]


def particulier_schema(path: str, status: int) -> tuple[dict[str, Any], bool]:
    """The schema of ``path``'s answer for ``status``, and whether the spec documents that status.

    An error status the spec leaves out (e.g. 404 on /v4/cnous) is checked against the shared Error schema.
    """
    document = _particulier()
    schema = _response_schema(document, path, status)
    documented = schema is not None
    if schema is None:
        if status < 400:
            raise AssertionError(f"{path} does not document status {status}")
        schema = document["components"]["schemas"]["Error"]
    return _inlined(schema, document), documented


def impot_schema(path: str, status: int) -> dict[str, Any] | None:
    document = _impot()
    schema = _response_schema(document, path.removeprefix(IMPOT_SERVER_PREFIX), status)
    return None if schema is None else _inlined(schema, document)


def documented_error_codes(path: str, status: int) -> set[str]:
    responses = _particulier()["paths"][path]["get"]["responses"]
    examples = (
        responses.get(str(status), {}).get("content", {}).get("application/json", {}).get("examples", {})
    )
    return {error["code"] for example in examples.values() for error in example["value"]["errors"]}


def validate(instance: Any, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    problems = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    assert not problems, "\n".join(f"{list(error.path)}: {error.message}" for error in problems)
