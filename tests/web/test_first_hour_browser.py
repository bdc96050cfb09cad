"""The first hour in headless Chromium, on the demo: the login page's language, the discovery
page (choices by their labels, past searches, a link to the sources, a network failure said as
such) and the sources page in the navigation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from demo_copies import demo_in
from influent.services.core import Influent
from influent.services.demo.builder import DEMO_OWNER, DEMO_PASSWORD, DEMO_VIEWER
from influent.settings import Settings
from influent.web import create_app
from web.browsing import serving

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_server(sqlite_template: Path, tmp_path: Path) -> Iterator[str]:
    """The app on a small demo workspace, served by uvicorn on a free port."""
    database = tmp_path / "demo.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    demo_in(influent, creators=30, days=14, today=date.today())
    with serving(create_app(influent=influent)) as url:
        yield url
    influent.close()


def log_in(page: Any, server: str, email: str, *, email_label: str, password_label: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label).fill(DEMO_PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(f"{server}/creators")


def test_the_demo_keeps_the_language_of_the_login_page(demo_server: str, chromium: Any) -> None:
    from playwright.sync_api import expect

    french = chromium.new_context(locale="fr-FR").new_page()
    french.goto(f"{demo_server}/login")
    expect(french.locator("#login-language")).to_contain_text("langue enregistrée sur votre compte")
    log_in(french, demo_server, DEMO_VIEWER, email_label="E-mail", password_label="Mot de passe")
    expect(french.locator("html")).to_have_attribute("lang", "fr")
    expect(french.locator(".flash")).to_have_count(0)

    # The owner logs in from an English browser: the app stays in English, and remembers it.
    english = chromium.new_context(locale="en-US").new_page()
    log_in(english, demo_server, DEMO_OWNER, email_label="Email", password_label="Password")
    expect(english.locator("html")).to_have_attribute("lang", "en")
    expect(english.get_by_role("heading", level=1)).to_have_text("Creators")

    # The viewer now has French saved: an English browser is told about the switch.
    other = chromium.new_context(locale="en-US").new_page()
    log_in(other, demo_server, DEMO_VIEWER, email_label="Email", password_label="Password")
    expect(other.locator("html")).to_have_attribute("lang", "fr")
    expect(other.locator(".flash")).to_contain_text("Influent parle désormais la langue")


def test_the_discovery_page_guides_the_owner_to_the_sources(
    demo_server: str, chromium: Any
) -> None:
    from playwright.sync_api import expect

    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(30_000)
    log_in(page, demo_server, DEMO_OWNER, email_label="Email", password_label="Password")
    page.get_by_role("link", name="Discover", exact=True).click()

    # Each "where to look" box sits on the line of its label, just before it.
    for label in page.locator("#where-to-look label").all():
        box = label.locator("input").bounding_box()
        text = label.locator("span").bounding_box()
        assert box is not None and text is not None
        assert abs((box["y"] + box["height"] / 2) - (text["y"] + text["height"] / 2)) < 6
        assert 0 <= text["x"] - (box["x"] + box["width"]) < 20

    # The demo has searches already run.
    past = page.locator("#past-discoveries tbody tr")
    expect(past).to_have_count(3)
    expect(past.first).to_contain_text("recettes végétales")

    # YouTube without a key: a link to the page that sets it up, not a command to type.
    page.get_by_label("Searches (one per line)").fill("cosmétiques vegan")
    for box in page.locator("#where-to-look input").all():
        box.set_checked(box.get_attribute("value") == "youtube")
    page.get_by_role("button", name="Search", exact=True).click()
    skipped = page.locator("[data-skipped=youtube]")
    expect(skipped).to_contain_text("YouTube was not searched: it needs an API key.")
    expect(page.locator("main")).not_to_contain_text("influent sources set")
    skipped.get_by_role("link", name="Set up sources").click()
    expect(page).to_have_url(f"{demo_server}/settings/sources")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Sources")

    # Ready and not set up look different.
    ready = page.locator(".tag-ready").first
    missing = page.locator(".tag-missing").first
    expect(ready).to_have_text("ready")
    expect(missing).to_have_text("not set up")
    colours = [tag.evaluate("e => getComputedStyle(e).backgroundColor") for tag in (ready, missing)]
    assert colours[0] != colours[1]

    # A site that cannot be reached: the page says a source failed, not "try broader words".
    page.get_by_role("link", name="Discover", exact=True).click()
    page.get_by_label("Searches (one per line)").fill("https://nowhere.invalid/blog")
    for box in page.locator("#where-to-look input").all():
        box.set_checked(box.get_attribute("value") == "feeds")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#discovery-failed")).to_contain_text("a source could not be searched")
    expect(page.locator("main")).not_to_contain_text("Try broader or neighbouring words")
