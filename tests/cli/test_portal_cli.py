"""`influent portal link|revoke`: a private link made once, ended at once."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from influent.domain.platforms import Platform
from influent.services import creators, orders
from influent.services.campaigns import create_campaign
from influent.services.core import Influent


def test_it_makes_and_revokes_a_creators_portal_link(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        create_campaign(session, workspace_id=workspace_id, name="Routine hiver")
        creators.add_creator(
            session,
            workspace_id=workspace_id,
            name="Léna",
            account=creators.NewAccount(Platform.INSTAGRAM, "@lena", None, None),
        )
    made = cli_env("portal", "link", "@lena", "--campaign", "routine-hiver", "--json")
    assert made.exit_code == 0, made.output
    url = made.stdout.split('"url": "')[1].split('"')[0]
    token = url.rsplit("/p/", 1)[1]
    with influent.session() as session:
        assert orders.open_portal(session, token).creator_name == "Léna"
    ended = cli_env("portal", "revoke", "@lena", "--campaign", "Routine hiver")
    assert ended.exit_code == 0 and "1 link(s) revoked" in ended.stdout
    with influent.session() as session:
        try:
            orders.open_portal(session, token)
        except orders.PortalError:
            pass
        else:
            raise AssertionError("a revoked link still opens")
    unknown = cli_env("portal", "link", "@lena", "--campaign", "nope")
    assert unknown.exit_code == 2 and "No campaign “nope”" in unknown.stderr
