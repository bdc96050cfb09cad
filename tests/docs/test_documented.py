"""The docs stay true: every command and setting is documented, every command has help."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from influent.cli.main import cli
from influent.settings import Settings

DOCS = Path(__file__).parents[2] / "docs"


# Typer ships its own copy of Click, so commands are recognised by shape, not by class.
def _commands(group: Any, prefix: str = "influent") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if hasattr(command, "commands"):
            found.extend(_commands(command, path))
    return found


COMMANDS = _commands(typer.main.get_group(cli))


def test_it_finds_the_commands() -> None:
    names = [n for n, _ in COMMANDS]
    assert "influent import creators" in names and "influent creators list" in names


def test_it_gives_every_command_help_text() -> None:
    missing = [name for name, command in COMMANDS if not (command.help or "").strip()]
    assert missing == []


def test_it_documents_every_command_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [name for name, _ in COMMANDS if f"`{name}" not in text]
    assert missing == []


def test_it_documents_every_option_of_every_command() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [
        f"{name} {opt}"
        for name, command in COMMANDS
        for param in command.params
        if param.param_type_name == "option"
        for opt in param.opts[:1]
        if opt.startswith("--") and opt != "--help" and f"`{opt}" not in text
    ]
    assert missing == []


def test_it_documents_every_setting() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [n for n in Settings.model_fields if f"`INFLUENT_{n.upper()}`" not in text]
    assert missing == []


def test_it_keeps_the_generated_cli_reference_current() -> None:
    import importlib.util

    path = Path(__file__).parents[2] / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == module.render(), (
        "docs/cli.md is out of date: run python scripts/cli_reference.py"
    )
