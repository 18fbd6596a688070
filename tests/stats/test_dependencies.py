"""`stats` sits at the top of the apps' graph (docs/architecture.md): it reads every app, and no
app imports it. The simulator tells it about simulations through a signal, never by a call."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "agencies", "rights", "simulator", "alerts", "privacy", "portal", "sandbox")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_app_imports_stats():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if any(name == "stats" or name.startswith("stats.") for name in imported_modules(path))
    ]
    assert offenders == []
