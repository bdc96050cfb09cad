"""In Chromium: import an orders file on the web page, read the campaign report's chart and
ranking, then open a creator's portal link and see only their links, codes and QR codes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from influent.domain.roles import Role
from influent.services import orders
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import log_in, serving, watch_problems

pytestmark = pytest.mark.browser

EMAIL = "member@example.com"
ORDERS = "Commande;Date;Devise;Montant;Code promo\nW-1;12/03/2027;EUR;80,00;lena{serum}\n"


@pytest.fixture
def shop_server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[str, int, str]]:
    """The app on a free port: a member, a campaign with orders and clicks, Léna's portal link."""
    from services.test_orders_report import _world

    database = tmp_path / "browser.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        secret_key="browser-" + "x" * 40,
        data_dir=tmp_path / "data",
    )
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.MEMBER
        )
        workspace_id = workspace.id
    campaign_id, ids = _world(influent, workspace_id)
    with influent.session() as session:
        token = orders.create_portal_link(
            session, workspace_id=workspace_id, campaign_id=campaign_id, creator_id=ids["lena"]
        )
    with serving(create_app(influent=influent)) as url:
        yield url, campaign_id, token
    influent.close()


def test_import_orders_read_the_report_and_open_a_creators_portal(
    shop_server: tuple[str, int, str], chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, campaign_id, token = shop_server
    upload = tmp_path / "commandes.csv"
    upload.write_text(ORDERS.format(serum=campaign_id), encoding="utf-8")
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, base, EMAIL)
    page.goto(f"{base}/campaigns/{campaign_id}/report")
    page.locator("#report-import").click()
    page.get_by_label("Orders file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#orders-import-summary")).to_contain_text("1 row, 1 order")
    page.locator("#orders-import-confirm").click()
    expect(page.locator("#orders-import-done")).to_contain_text("new orders 1")
    page.locator("#orders-import-report").click()

    expect(page.locator("#report tfoot")).to_contain_text("10")  # 9 orders + the new one
    timeline = page.locator("#report-timeline img")
    expect(timeline).to_be_visible()
    assert timeline.evaluate("img => img.complete && img.naturalWidth > 0")
    ranking = page.locator("#report-ranking-list li")
    expect(ranking.nth(0)).to_contain_text("lena")
    expect(ranking.nth(1)).to_contain_text("1 order")
    assert page.locator("#report-ranking img").evaluate("img => img.naturalWidth > 0")

    # The creator's own page: no login, only their links, code and QR code.
    portal = chromium.new_context(locale="fr-FR").new_page()
    portal.goto(f"{base}/p/{token}")
    expect(portal.locator("#portal-codes")).to_contain_text(f"LENA{campaign_id}")
    expect(portal.locator("[data-short]")).to_have_count(1)
    expect(portal.locator("[data-short]")).to_contain_text(f"/r/lena-{campaign_id}")
    qr = portal.locator("#portal-links img")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(portal.locator("[data-figure=orders]")).to_have_text("7")
    body = portal.locator("body").inner_text()
    assert "hugo" not in body.lower() and f"HUGO{campaign_id}" not in body
    assert problems == []
