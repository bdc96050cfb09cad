"""The discovery page and the source-keys page, in-process, against a real local site."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from influent.services import creators as creators
from influent.services.core import Influent
from influent.store.models import Creator
from influent_testing import FIXTURES, Team
from web.conftest import Browser

FEED = (FIXTURES / "sources" / "feeds" / "rssparser_rss-1.rss").read_bytes()
HOME = b"""<!doctype html><html><head><title>Le blog vert</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Hi</body></html>"""


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body, kind = (
            (FEED, "application/rss+xml") if self.path == "/feed.xml" else (HOME, "text/html")
        )
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_it_finds_a_blog_from_its_homepage_and_shortlists_it(
    owner: Browser, influent: Influent, team: Team, site: str
) -> None:
    # The test site is on loopback, which discovery reaches only when it is allowed.
    influent.settings.outbound_allowed_hosts = ["127.0.0.1"]
    page = owner.submit("/discovery", {"queries": site, "sources": "feeds", "limit": "10"})
    assert page.status_code == 200, page.text
    # Each find has two buttons: tag it, or add it to a campaign.
    found = [int(v) for v in re.findall(r'name="creator_ids" value="(\d+)"', page.text)]
    assert len(found) == 1
    assert f'name="creator_id" value="{found[0]}" formaction="/campaigns/enter"' in page.text
    done = owner.submit(
        "/discovery/shortlist",
        {"creator_id": str(found[0]), "tag": "à contacter"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    with influent.session() as session:
        creator = creators.get_creator(session, workspace_id=team.workspace_id, creator_id=found[0])
        assert [t.name for t in creator.tags] == ["à contacter"]
        assert creator.accounts[0].platform == "blog"
    # The same find, straight into a new campaign: without htmx, the page goes to its board.
    assert "tagged" in owner.get("/creators").text  # the shortlist's own result line, read
    entered = owner.submit(
        "/campaigns/enter", {"creator_id": str(found[0]), "new_campaign": "Blogs"}
    )
    assert entered.url.path.startswith("/campaigns/")
    assert "1 added to the campaign." in entered.text
    assert creator.name in entered.text


def test_it_refuses_a_search_from_a_viewer(viewer: Browser) -> None:
    page = viewer.submit("/discovery", {"queries": "vegan", "sources": "podcasts"})
    assert page.status_code == 403


def test_it_stores_keys_and_shows_them_masked_to_the_owner_only(
    owner: Browser, member: Browser
) -> None:
    saved = owner.submit(
        "/settings/sources",
        {"source": "youtube", "api_key": "AIzaSyD-secret-key-f3Xk"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    page = owner.get("/settings/sources")
    assert "AIza…f3Xk" in page.text
    assert "secret-key" not in page.text
    assert member.get("/settings/sources").status_code == 403


def test_it_speaks_french_on_the_discovery_page(owner: Browser) -> None:
    owner.submit("/settings/language", {"locale": "fr"})
    page = owner.get("/discovery")
    assert page.status_code == 200
    assert "Découvrir des créateurs" in page.text


def test_it_refuses_to_fetch_an_internal_address_typed_by_a_member(
    member: Browser, influent: Influent, team: Team, site: str
) -> None:
    page = member.submit("/discovery", {"queries": site, "sources": "feeds", "limit": "10"})
    assert "is an internal address" in page.text
    assert 'name="creator_id"' not in page.text
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Creator)) == 0
