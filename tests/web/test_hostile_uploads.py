"""Hostile spreadsheets through the web: a clear 400 naming the cap, the server still up."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import hostile_files as hostile
from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team
from web.conftest import Browser

BOMBS: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "dimension": ("bomb.xlsx", hostile.dimension_bomb, "may span at most 5,000,000 cells"),
    "single_cell": ("cell.xlsx", hostile.single_cell_bomb, "more than 200 MB in one part"),
    "single_cell_lying": (
        "cell.xlsx",
        lambda: hostile.single_cell_bomb(lie=True),
        "a cell may hold at most 32,767 characters",
    ),
    "many_rows": ("rows.xlsx", lambda: hostile.many_rows_bomb(lie=True), "at most 1,048,576 rows"),
    "padding": ("pad.xlsx", hostile.padding_bomb, "more than 200 MB in one part"),
    "ods": ("bomb.ods", hostile.ods_repeat_bomb, "may span at most 5,000,000 cells"),
}


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {name: build() for name, (_, build, _) in BOMBS.items()}


def bearer(influent: Influent, user_id: int) -> dict[str, str]:
    with influent.session() as session:
        token = users.create_token(session, user_id=user_id, name="tests")
    return {"Authorization": f"Bearer {token}"}


def creator_count(api: Browser, headers: dict[str, str]) -> int:
    total = api.get("/api/v1/creators", headers=headers).json()["total"]
    assert isinstance(total, int)
    return total


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_the_import_api_refuses_each_bomb_with_a_400_naming_the_cap(
    bomb: str, bombs: dict[str, bytes], anonymous: Browser, influent: Influent, team: Team
) -> None:
    filename, _, sentence = BOMBS[bomb]
    member = bearer(influent, team.member.user_id)
    for dry_run in ("true", "false"):
        response = anonymous.post(
            "/api/v1/imports",
            headers=member,
            files={"file": (filename, bombs[bomb])},
            data={"dry_run": dry_run},
        )
        assert response.status_code == 400, response.text
        detail = response.json()["detail"]
        assert detail.startswith(f"{filename} is refused: ") and sentence in detail
    assert creator_count(anonymous, member) == 0
    assert anonymous.get("/api/v1/creators", headers=member).status_code == 200


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_the_follower_audit_api_refuses_each_bomb_for_a_viewer(
    bomb: str, bombs: dict[str, bytes], anonymous: Browser, influent: Influent, team: Team
) -> None:
    filename, _, sentence = BOMBS[bomb]
    response = anonymous.post(
        "/api/v1/audience/audit",
        headers=bearer(influent, team.viewer.user_id),
        files={"file": (filename, bombs[bomb])},
    )
    assert response.status_code == 400, response.text
    assert sentence in response.json()["detail"]
    assert response.json()["detail"].startswith(f"{filename} is refused")


def test_the_upload_pages_refuse_a_bomb_in_the_users_language(
    bombs: dict[str, bytes], member: Browser
) -> None:
    page = member.post(
        "/import",
        data={"csrf_token": member.csrf},
        files={"file": ("bomb.xlsx", bombs["dimension"])},
    )
    assert page.status_code == 400 and "may span at most 5,000,000 cells" in page.text
    member.submit("/settings/language", {"locale": "fr"})
    audience = member.post(
        "/audience",
        data={"csrf_token": member.csrf},
        files={"file": ("bomb.xlsx", bombs["dimension"])},
    )
    assert audience.status_code == 400
    assert "une feuille couvre au plus 5\u202f000\u202f000 cellules" in audience.text
    activity = member.post(
        "/import/activity",
        data={"csrf_token": member.csrf, "kind": "posts"},
        files={"file": ("bomb.xlsx", bombs["dimension"])},
    )
    assert activity.status_code == 422
    assert "une feuille couvre au plus 5\u202f000\u202f000 cellules" in activity.text
