"""The workspace switcher: people in several workspaces move between them; nobody else can."""

from __future__ import annotations

from collections.abc import Callable

from influent.domain.roles import Role
from influent.services import accounts
from influent.services.core import Influent
from influent_testing import Team
from web.conftest import Browser


def test_it_shows_no_switcher_to_someone_in_one_workspace(member: Browser) -> None:
    assert 'action="/account/workspace"' not in member.get("/creators").text


def test_it_switches_to_another_of_the_user_s_workspaces(
    owner: Browser,
    influent: Influent,
    team: Team,
    make_creator: Callable[..., int],
) -> None:
    first = make_creator("lea.verte")
    with influent.session() as session:
        other = accounts.create_workspace(session, name="Café Lumière", owner_email=None)
        accounts.add_member(
            session, workspace_id=other.id, email=team.owner.email, role=Role.VIEWER
        )
    page = owner.get("/creators")
    assert 'action="/account/workspace"' in page.text and "Café Lumière" in page.text
    switched = owner.submit("/account/workspace", {"workspace_id": str(other.id)})
    assert switched.status_code == 200
    assert "You are now in Café Lumière." in switched.text
    assert "lea.verte" not in switched.text
    assert owner.get(f"/creators/{first}").status_code == 404
    # A viewer there: the import page is closed to them in this workspace.
    assert owner.get("/import", follow_redirects=False).status_code == 403
    back = owner.submit("/account/workspace", {"workspace_id": str(team.workspace_id)})
    assert "lea.verte" in back.text


def test_it_refuses_a_workspace_the_user_does_not_belong_to(
    member: Browser, team: Team, app_client: Callable[[], Browser]
) -> None:
    refused = member.submit("/account/workspace", {"workspace_id": str(team.outsider.workspace_id)})
    assert refused.status_code == 403
    assert member.get("/creators").status_code == 200
