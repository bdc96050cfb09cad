"""The creators table (filters, sort, pages) and the creator page (edit, tags, notes)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from influent.domain.platforms import Platform
from influent.services import creators as creators
from influent.services.core import Influent
from influent.settings import Settings
from web.conftest import Browser

MakeCreator = Callable[..., int]


def names(html: str) -> list[str]:
    """The creator names in table order."""
    return re.findall(r'<td><a href="/creators/\d+">([^<]+)</a></td>', html)


@pytest.fixture
def roster(make_creator: MakeCreator) -> dict[str, int]:
    return {
        "Lea": make_creator(
            "lea.cuisine",
            name="Lea",
            followers=150_000,
            engagement_rate=0.053,
            country="FR",
            language="fr",
        ),
        "Hugo": make_creator(
            "hugo_velo",
            name="Hugo",
            platform=Platform.YOUTUBE,
            followers=8_000,
            engagement_rate=0.021,
            country="BE",
            language="fr",
        ),
        "Ana": make_creator(
            "ana.trail",
            name="Ana",
            followers=42_000,
            country="ES",
            language="es",
        ),
    }


def test_it_lists_creators_biggest_first(owner: Browser, roster: dict[str, int]) -> None:
    page = owner.get("/creators").text
    assert names(page) == ["Lea", "Ana", "Hugo"]
    assert "3 creators" in page
    assert "150,000" in page and "5.3%" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("platform=youtube", ["Hugo"]),
        ("platform=YT", ["Hugo"]),
        ("tier=micro", ["Ana"]),
        ("min_followers=10k", ["Lea", "Ana"]),
        ("max_followers=50+000", ["Ana", "Hugo"]),
        ("min_followers=10k&max_followers=100k", ["Ana"]),
        ("q=cuisine", ["Lea"]),
        ("country=fr", ["Lea"]),
        ("language=FR", ["Lea", "Hugo"]),
        ("language=fr&q=velo", ["Hugo"]),
    ],
)
def test_it_filters_the_table(
    owner: Browser, roster: dict[str, int], query: str, expected: list[str]
) -> None:
    assert names(owner.get(f"/creators?{query}").text) == expected


def test_it_filters_by_tag(
    owner: Browser, roster: dict[str, int], influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        for name, tags in (("Lea", ["food"]), ("Ana", ["sport", "food"])):
            creators.tag_creator(
                session, workspace_id=workspace_id, creator_id=roster[name], tags=tags
            )
    assert names(owner.get("/creators?tag=food").text) == ["Lea", "Ana"]
    assert names(owner.get("/creators?tag=food&country=ES").text) == ["Ana"]
    assert '<span class="tag">sport</span>' in owner.get("/creators").text


def test_it_says_which_filter_it_could_not_read(owner: Browser, roster: dict[str, int]) -> None:
    page = owner.get("/creators?min_followers=lots").text
    assert "not a number" in page
    assert names(page) == ["Lea", "Ana", "Hugo"]


def test_it_sorts_by_a_column_header(owner: Browser, roster: dict[str, int]) -> None:
    page = owner.get("/creators").text
    name_link = re.search(r'href="(/creators\?sort=[^"]+)"[^>]*>Name', page)
    assert name_link is not None
    by_name = owner.get(name_link.group(1).replace("&amp;", "&")).text
    assert names(by_name) == ["Ana", "Hugo", "Lea"]
    reverse = re.search(r'href="(/creators\?sort=[^"]+)"[^>]*>Name', by_name)
    assert reverse is not None
    assert names(owner.get(reverse.group(1)).text) == ["Lea", "Hugo", "Ana"]
    engagement = re.search(r'href="(/creators\?sort=[^"]+)"[^>]*>Engagement', page)
    assert engagement is not None
    assert names(owner.get(engagement.group(1)).text)[:2] == ["Lea", "Hugo"]


def test_it_pages_the_table(
    settings: Settings, influent: Influent, owner: Browser, make_creator: MakeCreator
) -> None:
    settings.page_size = 2
    for number in range(5):
        make_creator(f"creator{number}", followers=1_000 * (number + 1))
    first = owner.get("/creators?platform=instagram").text
    assert names(first) == ["Creator4", "Creator3"]
    assert "Page 1 of 3" in first
    assert 'href="/creators?platform=instagram&amp;sort=' in first
    last = owner.get("/creators?platform=instagram&page=3").text
    assert names(last) == ["Creator0"]
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_it_answers_htmx_with_the_table_alone(owner: Browser, roster: dict[str, int]) -> None:
    fragment = owner.get("/creators?platform=youtube", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="creators-table"')
    assert names(fragment.text) == ["Hugo"]
    assert "HX-Request" in fragment.headers["vary"]
    restore = owner.get(
        "/creators?platform=youtube",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.text


def test_it_shows_a_creator_with_its_sources(owner: Browser, roster: dict[str, int]) -> None:
    page = owner.get(f"/creators/{roster['Lea']}").text
    assert "lea.cuisine" in page
    assert "150,000" in page
    assert "Entered by hand" in page  # where the numbers come from


def test_it_edits_a_creator(owner: Browser, roster: dict[str, int]) -> None:
    url = f"/creators/{roster['Hugo']}"
    response = owner.submit(
        url, {"name": "Hugo Vélo", "email": "HUGO@Example.com", "country": "France"}
    )
    assert response.status_code == 200
    assert "Saved." in response.text
    assert "Hugo Vélo" in response.text
    assert 'value="hugo@example.com"' in response.text
    assert 'value="FR"' in response.text


def test_it_keeps_nothing_of_an_invalid_edit(owner: Browser, roster: dict[str, int]) -> None:
    url = f"/creators/{roster['Hugo']}"
    response = owner.submit(url, {"name": "Renamed", "email": "not an email"})
    assert response.status_code == 422
    assert 'value="not an email"' in response.text
    assert "<h1>Hugo</h1>" in owner.get(url).text


def test_it_tags_and_untags_a_creator(owner: Browser, roster: dict[str, int]) -> None:
    url = f"/creators/{roster['Hugo']}"
    fragment = owner.submit(f"{url}/tags", {"tag": "vélo, été"}, headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<section class="card" id="tags">')
    assert "vélo" in fragment.text and "été" in fragment.text
    assert names(owner.get("/creators?tag=vélo").text) == ["Hugo"]
    owner.submit(f"{url}/tags/remove", {"tag": "vélo"})
    assert names(owner.get("/creators?tag=vélo").text) == []


def test_it_adds_a_note(member: Browser, roster: dict[str, int]) -> None:
    url = f"/creators/{roster['Ana']}"
    response = member.submit(f"{url}/notes", {"body": "Rate: 800 € per reel"})
    assert "Rate: 800 € per reel" in response.text
    assert "member@example.com" in response.text
    empty = member.submit(f"{url}/notes", {"body": "  "}, headers={"HX-Request": "true"})
    assert "A note cannot be empty." in empty.text


def test_it_shows_a_creator_s_notes_in_one_place(
    owner: Browser, viewer: Browser, roster: dict[str, int]
) -> None:
    url = f"/creators/{roster['Ana']}"
    owner.submit(url, {"part": "notes", "notes": "Prefers email; rates on request"})
    owner.submit(f"{url}/notes", {"body": "Called on Monday"})
    for browser in (owner, viewer):
        page = browser.get(url).text
        shown = re.sub(r"<textarea.*?</textarea>", "", page, flags=re.S)
        assert shown.count(">Notes</h2>") == 1
        assert shown.count("Prefers email; rates on request") == 1
        details = page[page.index('id="details"') :]
        assert "Notes" not in details and 'name="notes"' not in details
        notes = page[page.index('id="notes"') : page.index('id="details"')]
        assert "Notes column (export and import)" in notes and "Called on Monday" in notes
    # The details form leaves the note alone; the notes card edits it.
    owner.submit(url, {"name": "Ana", "email": "ana@example.com", "agent": ""})
    page = owner.get(url).text
    assert "Prefers email; rates on request" in page and 'value="ana@example.com"' in page
    owner.submit(url, {"part": "notes", "notes": ""})
    assert "Notes column" not in owner.get(url).text


def test_it_answers_404_for_an_unknown_creator(owner: Browser) -> None:
    response = owner.get("/creators/999999")
    assert response.status_code == 404
    assert "does not exist" in response.text
