"""`--workspace` on every command that acts on a workspace, and it is the workspace acted on."""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
from click.testing import Result

from influent.cli.main import cli
from influent_testing import Team

Cli = Callable[..., Result]

CLI_SOURCES = Path(__file__).parents[2] / "src" / "influent" / "cli"

# Commands that do not act on one workspace, and why. Any other command takes --workspace.
NOT_ON_A_WORKSPACE = {
    "influent db upgrade": "the schema of the whole database",
    "influent db status": "the schema of the whole database",
    "influent demo": "builds its own demo workspace",
    "influent serve": "the web app, where each user picks a workspace",
    "influent redirect": "short links carry their own workspace",
    "influent worker": "the schedule runs for every workspace",
    "influent sources feed": "reads a feed and writes nothing",
    "influent workspaces create": "makes a new workspace",
    "influent workspaces list": "lists every workspace",
    "influent users passwd": "a user's password is the same in every workspace",
    "influent users deactivate": "a user is deactivated in every workspace",
    "influent users reactivate": "a user is reactivated in every workspace",
    "influent users logout": "a user's sessions span every workspace",
}
# Commands whose workspace is a required argument rather than an option.
WORKSPACE_AS_ARGUMENT = {"influent workspaces add-member"}


def _leaves(group: Any, prefix: str = "influent") -> list[tuple[str, Any]]:
    """Every runnable command, by its full name (Typer's Click is recognised by shape)."""
    found: list[tuple[str, Any]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            found.extend(_leaves(command, path))
        else:
            found.append((path, command))
    return found


COMMANDS = dict(_leaves(typer.main.get_group(cli)))


def _option(command: Any, flag: str) -> Any | None:
    return next((p for p in command.params if flag in getattr(p, "opts", ())), None)


def _function(command: Any) -> ast.FunctionDef:
    source = textwrap.dedent(inspect.getsource(inspect.unwrap(command.callback)))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def test_it_knows_every_command_it_exempts() -> None:
    assert sorted((set(NOT_ON_A_WORKSPACE) | WORKSPACE_AS_ARGUMENT) - set(COMMANDS)) == []


def test_a_command_that_takes_the_workspace_as_argument_requires_it() -> None:
    for name in WORKSPACE_AS_ARGUMENT:
        argument = next(p for p in COMMANDS[name].params if p.name == "workspace")
        assert argument.param_type_name == "argument" and argument.required


def test_every_command_that_acts_on_a_workspace_takes_the_option() -> None:
    missing = [
        name
        for name, command in COMMANDS.items()
        if name not in NOT_ON_A_WORKSPACE.keys() | WORKSPACE_AS_ARGUMENT
        and _option(command, "--workspace") is None
    ]
    assert missing == []


def test_no_exempt_command_opens_a_workspace_session() -> None:
    opening = []
    for name in NOT_ON_A_WORKSPACE:
        node = _function(COMMANDS[name])
        called = {
            call.func.id
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
        }
        if called & {"workspace_session", "writing"}:
            opening.append(name)
    assert opening == []


def test_every_command_passes_its_workspace_on() -> None:
    """An option that is declared but never read would act on the default workspace."""
    unused = []
    for name, command in COMMANDS.items():
        if _option(command, "--workspace") is None or name in NOT_ON_A_WORKSPACE:
            continue
        node = _function(command)
        read = [
            n
            for statement in node.body
            for n in ast.walk(statement)
            if isinstance(n, ast.Name) and n.id == "workspace"
        ]
        if not read:
            unused.append(name)
    assert unused == []


def test_no_command_opens_a_session_on_the_default_workspace_by_omission() -> None:
    bare = [
        f"{path.name}:{call.lineno}"
        for path in sorted(CLI_SOURCES.glob("*.py"))
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "workspace_session"
        and not call.args
        and not call.keywords
    ]
    assert bare == []


NEED_NOTHING_ELSE = sorted(
    name
    for name, command in COMMANDS.items()
    if _option(command, "--workspace") is not None
    and not any(p.required for p in command.params)
    and name not in {"influent track", "influent enrich"}  # they reach out to the network
)


def test_it_tries_many_commands_against_an_unknown_workspace() -> None:
    assert len(NEED_NOTHING_ELSE) >= 10, NEED_NOTHING_ELSE


@pytest.mark.parametrize("name", NEED_NOTHING_ELSE)
def test_it_refuses_an_unknown_workspace(cli_env: Cli, team: Team, name: str) -> None:
    result = cli_env(*name.split()[1:], "--workspace", "nope")
    assert result.exit_code == 2, result.output
    assert "No workspace “nope”" in result.stderr


def test_a_campaign_lives_in_the_workspace_it_was_created_in(cli_env: Cli, team: Team) -> None:
    created = cli_env("workspaces", "create", "Café Lumière", "--json")
    assert created.exit_code == 0, created.output
    slug = json.loads(created.stdout)["slug"]
    made = cli_env("campaign", "create", "Soldes d'été", "--workspace", slug, "--json")
    assert made.exit_code == 0, made.output

    def names(*workspace: str) -> list[str]:
        listed = cli_env("campaign", "list", "--json", *workspace)
        assert listed.exit_code == 0, listed.output
        return [c["name"] for c in json.loads(listed.stdout)]

    assert "Soldes d'été" not in names()
    assert names("--workspace", slug) == ["Soldes d'été"]
    assert names("--workspace", "Café Lumière") == ["Soldes d'été"]
    elsewhere = cli_env("campaign", "rule", "Soldes d'été", "--after", "3")
    assert elsewhere.exit_code == 2  # not found in the default workspace
    there = cli_env("campaign", "rule", "Soldes d'été", "--after", "3", "--workspace", slug)
    assert there.exit_code == 0, there.output
