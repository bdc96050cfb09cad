"""`influent workspaces` and `--workspace`: several brands on one install, from the terminal."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from influent.settings import get_settings
from influent_testing import Team

Cli = Callable[..., Result]


def _handles(cli_env: Cli, *workspace: str) -> list[str]:
    result = cli_env("creators", "list", "--json", *workspace)
    assert result.exit_code == 0, result.output
    return sorted(c["handle"] for c in json.loads(result.stdout)["creators"])


def test_it_creates_and_lists_workspaces(cli_env: Cli, team: Team) -> None:
    created = cli_env(
        "workspaces",
        "create",
        "Café Lumière",
        "--currency",
        "chf",
        "--owner",
        "member@example.com",
        "--json",
    )
    assert created.exit_code == 0, created.output
    assert json.loads(created.stdout)["slug"] == "cafe-lumiere"
    listed = json.loads(cli_env("workspaces", "list", "--json").stdout)
    assert [w["name"] for w in listed] == ["Maison Verte", "Other brand", "Café Lumière"]
    assert listed[2]["currency"] == "CHF" and listed[2]["members"] == 1


def test_it_refuses_a_duplicate_or_a_bad_currency(cli_env: Cli, team: Team) -> None:
    again = cli_env("workspaces", "create", "Maison verte")
    assert again.exit_code == 2 and "already exists" in again.stderr
    money = cli_env("workspaces", "create", "Nouvelle", "--currency", "euros")
    assert money.exit_code == 2 and "currency code" in money.stderr


def test_every_command_acts_on_the_workspace_it_is_given(cli_env: Cli, team: Team) -> None:
    assert cli_env("creators", "add", "@lea", "--platform", "instagram").exit_code == 0
    added = cli_env(
        "creators", "add", "@hugo", "--platform", "instagram", "--workspace", "other-brand"
    )
    assert added.exit_code == 0, added.output
    assert _handles(cli_env) == ["lea"]  # the first workspace by default
    assert _handles(cli_env, "--workspace", "other-brand") == ["hugo"]
    assert _handles(cli_env, "--workspace", "Other brand") == ["hugo"]
    cli_env("workspaces", "create", "Café Lumière")
    assert _handles(cli_env, "--workspace", "Café Lumière") == []


def test_the_default_workspace_comes_from_the_setting(
    cli_env: Cli, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_env("creators", "add", "@hugo", "--platform", "instagram", "--workspace", "other-brand")
    monkeypatch.setenv("INFLUENT_DEFAULT_WORKSPACE", "other-brand")
    get_settings.cache_clear()
    from influent.cli import common

    common._app = None
    assert _handles(cli_env) == ["hugo"]
    assert _handles(cli_env, "--workspace", "maison-verte") == []


def test_it_names_the_workspaces_when_one_is_unknown(cli_env: Cli, team: Team) -> None:
    result = cli_env("creators", "list", "--workspace", "nope")
    assert result.exit_code == 2
    assert "No workspace “nope”" in result.stderr and "maison-verte" in result.stderr


def test_add_member_gives_an_existing_user_a_role_in_another_workspace(
    cli_env: Cli, team: Team
) -> None:
    added = cli_env(
        "workspaces", "add-member", "other-brand", "viewer@example.com", "--role", "viewer"
    )
    assert added.exit_code == 0, added.output
    people = json.loads(cli_env("users", "list", "--workspace", "other-brand", "--json").stdout)
    assert {"email": "viewer@example.com", "name": "", "role": "viewer", "active": True} in people
    unknown = cli_env("workspaces", "add-member", "other-brand", "ghost@example.com")
    assert unknown.exit_code == 2 and "ghost@example.com" in unknown.stderr
