"""Brand fit in headless Chromium: write a brief, see the shortlist, expand a row."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from brandfit_testing import seed_creator
from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import IN_CI, PASSWORD
from web.test_browser import CHROMIUM, EMAIL, _free_port

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
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(influent=influent), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", influent
    server.should_exit = True
    thread.join(timeout=10)
    influent.close()


def test_it_writes_a_brief_ranks_creators_and_expands_a_row(
    brandfit_server: tuple[str, Influent],
) -> None:
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    url, _ = brandfit_server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        page = browser.new_context(locale="en-US").new_page()
        page.set_default_timeout(30_000)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))

        page.goto(f"{url}/briefs")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
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
        browser.close()
        assert problems == []


def test_a_customer_submits_the_survey_form_in_french(
    brandfit_server: tuple[str, Influent],
) -> None:
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    from influent.services.brandfit import survey_leads

    url, influent = brandfit_server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        page = browser.new_context(locale="fr-FR").new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{url}/s/maison-verte")
        expect(page.get_by_role("heading")).to_contain_text("qui suivez-vous")
        expect(page.locator('input[name="website"]')).not_to_be_in_viewport()
        page.get_by_label("Quels créateurs").fill("Lea Soin\nUne Créatrice Inconnue")
        page.get_by_role("button", name="Envoyer").click()
        expect(page.locator("#survey-thanks")).to_contain_text("Merci")
        browser.close()
    with influent.session() as session:
        leads = survey_leads(session, workspace_id=1)
    assert {(lead.name, lead.creator_id is not None) for lead in leads} == {
        ("Léa Soin", True),
        ("Une Créatrice Inconnue", False),
    }
