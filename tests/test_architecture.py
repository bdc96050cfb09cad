"""The house's shape holds: wings say what they export, and the faces use only that."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "influent"
SERVICES = SRC / "services"
WINGS = sorted(p.name for p in SERVICES.iterdir() if (p / "__init__.py").exists())
FACES = sorted([*(SRC / "cli").rglob("*.py"), *(SRC / "web").rglob("*.py")])


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((a.name, [], node.lineno) for a in node.names)
    return found


@pytest.mark.parametrize("wing", WINGS)
def test_each_wing_says_what_it_owns_and_exports(wing: str) -> None:
    module = importlib.import_module(f"influent.services.{wing}")
    assert module.__doc__ and len(module.__doc__.split()) >= 8, f"{wing} needs a docstring"
    exported = getattr(module, "__all__", None)
    assert exported, f"influent.services.{wing} has no __all__"
    missing = [name for name in exported if not hasattr(module, name)]
    assert missing == []


def test_the_faces_use_only_what_each_wing_exports() -> None:
    breaches: list[str] = []
    for path in FACES:
        for module, names, line in _imports(path):
            parts = module.split(".")
            if parts[:2] != ["influent", "services"] or len(parts) < 3 or parts[2] not in WINGS:
                continue
            where = f"{path.relative_to(SRC)}:{line}"
            if len(parts) > 3:
                breaches.append(f"{where} reaches inside the wing: {module}")
                continue
            exported = importlib.import_module(module).__all__
            breaches += [
                f"{where} uses {module}.{n}, not exported" for n in names if n not in exported
            ]
    assert breaches == []
