"""Brand fit in headless Chromium: write a brief, see the shortlist, expand a row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brandfit_testing import seed_creator
from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import log_in, serving, watch_problems
from web.test_browser import EMAIL

pytestmark = pytest.mark.browser


@pytest.fixture
def brandfit_server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[str, Influent]]:
    database = tmp_path / "brandfit.db"
    database.write_bytes(sqlite_template.read_bytes())
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.OWNER
        )
        workspace_id = workspace.id
    seed_creator(
        influent,
        workspace_id,
        name="Léa Soin",
        handle="lea.soin",
        posts=["Ma routine peau sensible, cosmétiques vegan", "Mon sérum Typology préféré"],
    )
    seed_creator(
        influent,
        workspace_id,
        name="Jade Glow",
        handle="jadeglow",
        language="en",
        posts=["Vegan skincare routine for sensitive skin"],
    )
    seed_creator(
        influent, workspace_id, name="Foot Total", handle="foot", posts=["Le match de ce soir"]
    )
    with serving(create_app(influent=influent)) as url:
        yield url, influent
    influent.close()


def test_it_writes_a_brief_ranks_creators_and_expands_a_row(
    brandfit_server: tuple[str, Influent], chromium: Any
) -> None:
    from playwright.sync_api import expect

    url, _ = brandfit_server
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(30_000)
    problems = watch_problems(page)

    log_in(page, url, EMAIL, path="/briefs")
    page.goto(f"{url}/briefs")
    page.get_by_label("Name", exact=True).fill("Sérum vegan")
    page.get_by_label("Product").fill("Sérum visage vegan pour peaux sensibles")
    page.get_by_label("Keywords").fill("cosmétiques vegan\npeau sensible")
    page.get_by_label("Competitors").fill("Typology")
    page.get_by_role("button", name="Save and see the shortlist").click()

    expect(page).to_have_url(f"{url}/briefs/serum-vegan/shortlist")
    rows = page.locator("tr.shortlist-row")
    expect(rows).to_have_count(3)
    expect(rows.last).to_contain_text("Foot Total")
    lea = page.locator("tr.shortlist-row", has_text="Léa Soin")
    detail = lea.locator("xpath=following-sibling::tr[1]")
    expect(detail.locator("ol.evidence")).not_to_be_visible()
    detail.get_by_text("Why this rank").click()
    expect(detail.locator("ol.evidence li")).to_have_count(2)
    expect(detail.locator("ul.flags")).to_contain_text("competitor mention")
    expect(detail.locator("ul.flags a")).to_have_attribute(
        "href", "https://www.instagram.com/p/lea.soin-1/"
    )

    slider = page.locator('input[name="w_fit"]')
    slider.fill("8")
    expect(slider.locator("xpath=following-sibling::output")).to_have_text("8")
    page.get_by_role("button", name="Rank again").click()
    expect(page).to_have_url(re.compile(r"w_fit=8"))
    assert problems == []


def test_a_customer_submits_the_survey_form_in_french(
    brandfit_server: tuple[str, Influent], chromium: Any
) -> None:
    from playwright.sync_api import expect

    from influent.services.brandfit import survey_leads

    url, influent = brandfit_server
    page = chromium.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/s/maison-verte")
    expect(page.get_by_role("heading")).to_contain_text("qui suivez-vous")
    expect(page.locator('input[name="website"]')).not_to_be_in_viewport()
    page.get_by_label("Quels créateurs").fill("Lea Soin\nUne Créatrice Inconnue")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("#survey-thanks")).to_contain_text("Merci")
    with influent.session() as session:
        leads = survey_leads(session, workspace_id=1)
    assert {(lead.name, lead.creator_id is not None) for lead in leads} == {
        ("Léa Soin", True),
        ("Une Créatrice Inconnue", False),
    }
