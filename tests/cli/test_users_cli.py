"""`influent users`: passwords, deactivation, logging out and API tokens from the terminal."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from influent.services import accounts
from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import PASSWORD, Team

Cli = Callable[..., Result]


def _session(influent: Influent, user_id: int) -> str:
    with influent.session() as session:
        return accounts.start_session(session, user_id=user_id, max_age=3600)


def _alive(influent: Influent, token: str) -> bool:
    with influent.session() as session:
        return accounts.actor_for_session(session, token) is not None


def test_passwd_sets_the_password_and_ends_every_session(
    cli_env: Cli, influent: Influent, team: Team
) -> None:
    token = _session(influent, team.member.user_id)
    result = cli_env("users", "passwd", "member@example.com", input="brand new pass\n" * 2)
    assert result.exit_code == 0, result.output
    assert "sessions ended: 1" in result.stdout
    assert not _alive(influent, token)
    with influent.session() as session:
        assert users.authenticate(session, email="member@example.com", password=PASSWORD) is None
        assert users.authenticate(session, email="member@example.com", password="brand new pass")


def test_passwd_refuses_a_short_password_in_french(cli_env: Cli, team: Team) -> None:
    result = cli_env(
        "users", "passwd", "member@example.com", "--locale", "fr", input="court\ncourt\n"
    )
    assert result.exit_code == 2
    assert "au moins 8 caractères" in result.stderr


def test_deactivate_refuses_logins_sessions_and_tokens(
    cli_env: Cli, influent: Influent, team: Team
) -> None:
    token = _session(influent, team.viewer.user_id)
    with influent.session() as session:
        api = users.create_token(session, user_id=team.viewer.user_id, name="sheet")
    assert cli_env("users", "deactivate", "viewer@example.com").exit_code == 0
    assert not _alive(influent, token)
    with influent.session() as session:
        assert users.actor_for_token(session, api) is None
        assert users.authenticate(session, email="viewer@example.com", password=PASSWORD) is None
    listed = cli_env("users", "list", "--workspace", "maison-verte", "--json")
    assert {"email": "viewer@example.com", "name": "", "role": "viewer", "active": False} in (
        json.loads(listed.stdout)
    )
    assert cli_env("users", "reactivate", "viewer@example.com").exit_code == 0
    with influent.session() as session:
        assert users.authenticate(session, email="viewer@example.com", password=PASSWORD)


def test_deactivate_refuses_the_last_owner(cli_env: Cli, team: Team) -> None:
    result = cli_env("users", "deactivate", "owner@example.com")
    assert result.exit_code == 2
    assert "only active owner" in result.stderr


def test_logout_ends_every_session_of_the_user(
    cli_env: Cli, influent: Influent, team: Team
) -> None:
    tokens = [_session(influent, team.owner.user_id) for _ in range(2)]
    other = _session(influent, team.member.user_id)
    result = cli_env("users", "logout", "owner@example.com")
    assert result.exit_code == 0 and "sessions ended: 2" in result.stdout
    assert [_alive(influent, t) for t in tokens] == [False, False]
    assert _alive(influent, other)


def test_token_revoke_makes_the_api_refuse_it(cli_env: Cli, influent: Influent, team: Team) -> None:
    created = cli_env(
        "users",
        "token",
        "create",
        "member@example.com",
        "--name",
        "zapier",
        "--workspace",
        "maison-verte",
    )
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    listed = cli_env("users", "token", "list", "--workspace", "maison-verte", "--json")
    (token,) = json.loads(listed.stdout)
    assert (token["email"], token["name"]) == ("member@example.com", "zapier")
    assert secret not in listed.stdout
    with influent.session() as session:
        assert users.actor_for_token(session, secret) is not None
    revoked = cli_env("users", "token", "revoke", str(token["id"]), "--workspace", "maison-verte")
    assert revoked.exit_code == 0, revoked.output
    with influent.session() as session:
        assert users.actor_for_token(session, secret) is None
    again = cli_env("users", "token", "revoke", str(token["id"]), "--workspace", "maison-verte")
    assert again.exit_code == 2 and "No API token #" in again.stderr


def test_it_says_which_user_is_unknown(cli_env: Cli, team: Team) -> None:
    result = cli_env("users", "deactivate", "nobody@example.com")
    assert result.exit_code == 2 and "nobody@example.com" in result.stderr
