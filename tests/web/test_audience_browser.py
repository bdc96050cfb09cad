"""In Chromium: audit a follower sample for a creator, and see it on the creator's vetting."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD, seed_vetted_creator
from web.browsing import log_in, serving

pytestmark = pytest.mark.browser

EMAIL = "growth@example.com"
SAMPLE = (
    "username,followers,following,posts,has_profile_picture\n"
    "jean.dupont,120,300,85,yes\n"
    "user84756392,3,7500,0,no\n"
    "claire_b,240,180,40,yes\n"
)


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The app on a free port, with one owner and one creator with a follower history."""
    database = tmp_path / "audience.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.OWNER
        )
        workspace_id = workspace.id
    creator_id = seed_vetted_creator(influent, workspace_id)
    with serving(create_app(influent=influent)) as url:
        yield url, creator_id
    influent.close()


def test_a_follower_audit_uploaded_for_a_creator_becomes_their_fake_follower_signal(
    server: tuple[str, int], chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, creator_id = server
    sample = tmp_path / "followers.csv"
    sample.write_text(SAMPLE, encoding="utf-8")
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    log_in(page, base, EMAIL, path=f"/creators/{creator_id}")
    expect(page).to_have_url(f"{base}/creators/{creator_id}")
    # No audit yet: the vetting card offers one for this creator.
    page.get_by_role("link", name="No follower audit yet").click()
    expect(page.locator("#audience-creator")).to_have_value(f"#{creator_id}")

    page.locator("input[type=file]").set_input_files(str(sample))
    page.get_by_role("button", name="Audit the sample").click()
    expect(page.locator("#audience-attached")).to_contain_text("Attached to Marie on")
    expect(page.locator("#audience-accounts")).to_contain_text("user84756392")
    expect(page.locator("#audience-accounts thead")).to_contain_text("Username")

    page.locator("#audience-attached a").click()
    expect(page).to_have_url(f"{base}/creators/{creator_id}")
    expect(page.locator("#follower-audit")).to_contain_text("Follower audit of")
    expect(page.locator("#follower-audit")).to_contain_text("followers.csv, 3 followers read")
    expect(page.locator("tr[data-signal=fake_followers]")).to_be_visible()
    assert problems == []
