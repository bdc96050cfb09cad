"""In Chromium, in French: every page of a small demo workspace, no English word, no straight
apostrophe.

The words to look for come from the catalogs: the English text of each message whose French
differs, less any word that French uses too ("engagement", "notes"…). The walk starts at the
creators list and follows every link of the app, one page per route (a creator, a campaign, a
deal…), so a page added later is walked without changing this test.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from influent.services.core import Influent
from influent.services.demo.builder import DEMO_OWNER, DEMO_PASSWORD, build_demo
from influent.services.i18n import catalog
from influent.settings import Settings
from influent.web import create_app
from web.browsing import serving

pytestmark = pytest.mark.browser

# Routes the walk must reach: a list page, one of each kind of thing, and the settings.
MUST_SEE = {
    "/creators",
    "/creators/{id}",
    "/discovery",
    "/settings/sources",
    "/audience",
    "/campaigns",
    "/campaigns/{id}",
    "/campaigns/{id}/deals",
    "/campaigns/{id}/report",
    "/deals",
    "/deals/{id}",
    "/links",
    "/briefs",
    "/account",
    "/import",
    "/import/activity",
}
# Never followed: leaving, downloads, images, and actions behind a GET.
SKIP = re.compile(
    r"^/(logout|api|static|r/|p/|s/)|\.(csv|xlsx|png|svg|ics)$|/qr\.|/export|/docs|/redoc"
)
# Words French shares with English, or names, that the page may show in French too.
SHARED = {
    "email",
    "e-mail",
    "influent",
    "instagram",
    "youtube",
    "tiktok",
    "podcasts",
    "apple",
    "maison",
    "verte",
    "google",
    "excel",
}


def _prose(text: str) -> str:
    """A catalog text less what is not a language: placeholders, commands, options, URLs,
    name=value examples and quoted terms (column names, the French law's wording)."""
    return re.sub(
        r"\{\w+\}|`[^`]*`|--[\w-]+|https?://\S+|\S+=\S*|influent [a-z -]+|“[^”]*”|«[^»]*»|\"[^\"]*\"",
        " ",
        text,
    )


_APP_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll(
    ".tag, code, pre, input, textarea, select[name=tag], a[href^='http'], [data-user-text]"
  ).forEach(e => e.remove());
  document.documentElement.appendChild(body);
  const text = body.innerText;
  body.remove();
  return text;
}"""


def english_words() -> set[str]:
    """Words of the English-only catalog texts that no French text uses."""
    english, french = catalog("en"), catalog("fr")
    french_words = {
        w.lower() for text in french.values() for w in re.findall(r"[A-Za-zÀ-ÿ]+", _prose(text))
    }
    found: set[str] = set()
    for msgid, text in english.items():
        if french.get(msgid) == text:
            continue
        for word in re.findall(r"[A-Za-z]+", _prose(text)):
            low = word.lower()
            if len(low) >= 5 and low not in french_words and low not in SHARED:
                found.add(low)
    return found


def route_of(path: str) -> str:
    """The route a path belongs to: "/creators/12" -> "/creators/{id}", a link or brief key
    -> "{key}"."""
    path = re.sub(r"^/(links|briefs)/[^/]+", r"/\1/{key}", path)
    return re.sub(r"/\d+(?=/|$)", "/{id}", path)


@pytest.fixture
def demo_server(sqlite_template: Path, tmp_path: Path) -> Iterator[str]:
    """The app on a free port over a small demo workspace (its owner speaks French)."""
    database = tmp_path / "french.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        secret_key="browser-" + "x" * 40,
        data_dir=tmp_path / "data",
    )
    influent = Influent(settings)
    with influent.session() as session:
        build_demo(session, creators=12, days=60, seed=7)
        session.commit()
    with serving(create_app(influent=influent)) as url:
        yield url
    influent.close()


def test_it_builds_a_list_of_english_words_from_the_catalogs() -> None:
    words = english_words()
    assert {"campaign", "creators", "refused"} <= words
    assert "engagement" not in words and "notes" not in words


def test_it_speaks_french_on_every_page(demo_server: str, chromium: Any) -> None:
    base = demo_server
    words = english_words()
    pattern = re.compile(r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.I)
    seen: dict[str, str] = {}
    problems: list[str] = []
    page = chromium.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(DEMO_OWNER)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    queue = ["/creators"]
    while queue and len(seen) < 80:
        path = queue.pop(0)
        route = route_of(path)
        if route in seen:
            continue
        response = page.goto(base + path)
        seen[route] = path
        status = response.status if response else 0
        if status >= 400:
            problems.append(f"{path}: HTTP {status}")
            continue
        # What the app writes, not what people typed or what is code: tags, links out
        # (post titles), commands, form fields, addresses.
        text = page.evaluate(_APP_TEXT)
        text = re.sub(r"\S+@\S+|https?://\S+|/\S+|`[^`]*`", " ", text)
        for match in sorted({m.group(0) for m in pattern.finditer(text)}):
            problems.append(f"{path}: English word “{match}”")
        for match in sorted(set(re.findall(r"\w+'\w+", text))):
            problems.append(f"{path}: straight apostrophe in “{match}”")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != base or SKIP.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if route_of(parts.path) not in seen and parts.path not in queue:
                queue.append(target if not parts.query else parts.path)
    missing = sorted(MUST_SEE - set(seen))
    problems += [f"the walk did not reach {route}" for route in missing]
    assert not problems, "\n".join(problems) + f"\n(pages seen: {sorted(seen)})"
