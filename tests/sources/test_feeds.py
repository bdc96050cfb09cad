"""Blogs and sites with a feed: discovery, RSS 1.0 / RSS 2.0 / Atom parsing, fetching."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from influent.domain.platforms import Platform, PostKind
from influent.sources.errors import NotFound, SourceUnavailable, UnexpectedResponse
from influent.sources.feeds import FeedClient, discover_feed_url, discover_feed_urls, fetch_feed
from influent.sources.http import HttpClient
from influent_testing import raises_saying

from .conftest import FIXTURES, NOW, fixture_bytes, recorded

FEEDS = FIXTURES / "feeds"

HOMEPAGE = """<!doctype html>
<html><head>
  <title>A cooking blog</title>
  <link rel="stylesheet" href="/style.css">
  <link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
  <link rel="alternate" type="application/rss+xml" title="Posts" href="feed/">
  <link rel="alternate" type="application/atom+xml" href="https://cdn.example.net/atom.xml">
</head><body><a href="/about">About</a></body></html>
"""


def test_it_finds_the_posts_feed_before_the_comments_feed():
    assert discover_feed_url(HOMEPAGE, "https://blog.example.com/fr/") == (
        "https://blog.example.com/fr/feed/"
    )
    assert discover_feed_urls(HOMEPAGE, "https://blog.example.com/fr/") == [
        "https://blog.example.com/fr/feed/",
        "https://cdn.example.net/atom.xml",
        "https://blog.example.com/comments/feed/",
    ]


def test_it_resolves_hrefs_against_a_base_element():
    page = (
        '<head><base href="https://static.example.com/site/">'
        '<LINK REL="Alternate" TYPE="application/atom+xml" HREF="atom.xml"></head>'
    )
    assert (
        discover_feed_url(page, "https://example.com/")
        == "https://static.example.com/site/atom.xml"
    )


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>No feed</title></head></html>",
        '<link rel="alternate" type="text/html" href="/en/">',
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
        "<html><head><link rel=",
    ],
)
def test_it_finds_no_feed_where_none_is_announced(page):
    assert discover_feed_url(page, "https://example.com/") is None


def test_it_reads_an_rss2_podcast_from_a_local_file():
    account = fetch_feed(FEEDS / "prx_99percentinvisible.xml")
    assert account.platform is Platform.PODCAST
    assert account.source == "rss"
    assert account.handle == "99percentinvisible.org"
    assert account.name == "99% Invisible"
    assert account.snapshot is not None and account.snapshot.posts_count == 91
    assert account.posts[0].comments == 0  # slash:comments
    assert account.posts[0].caption.startswith("An ode to an information designer")


def test_it_reads_an_atom_blog():
    account = fetch_feed(str(FEEDS / "rssparser_many-links.rss"), now=lambda: NOW)
    assert account.platform is Platform.BLOG
    assert account.fetched_at == NOW
    assert account.handle == "testing.googleblog.com"
    assert account.name == "Google Testing Blog"
    assert account.snapshot is None  # a blog feed shows only its latest posts
    assert len(account.posts) == 25
    post = account.posts[0]
    assert post.kind is PostKind.ARTICLE
    assert post.title == "Code Health: Providing Context with Commit Messages and Bug Reports"
    assert post.comments == 2  # thr:total
    assert post.published_at.isoformat() == "2017-09-11T21:01:00+00:00"
    assert "GTAC" in account.categories


def test_it_reads_an_rss1_feed():
    account = fetch_feed(FEEDS / "rssparser_rss-1.rss")
    assert account.platform is Platform.BLOG
    assert account.handle == "science.sciencemag.org"
    assert len(account.posts) == 69
    assert account.posts[0].title == "Food for fungi"


def test_it_reads_a_feed_with_a_blank_line_before_the_xml_declaration():
    account = fetch_feed(FEEDS / "rssparser_itunes-missing-image.rss")
    assert len(account.posts) == 131


def test_it_explains_a_missing_file(tmp_path):
    with raises_saying(NotFound, r"The feed file gone\.xml cannot be read"):
        fetch_feed(tmp_path / "gone.xml")


def test_it_refuses_a_document_that_is_not_a_feed(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body>Hello</body></html>")
    with raises_saying(UnexpectedResponse, "is not an RSS or Atom feed"):
        fetch_feed(page)


def test_it_fetches_a_feed_url_through_the_wrapper(make_http):
    http, server = make_http([recorded("feeds", "rssparser_feedburner.atom")])
    account = fetch_feed("https://googleadsdeveloper.blogspot.com/feeds/posts/default", http=http)
    assert "application/atom+xml" in server.requests[0].headers["Accept"]
    assert account.platform is Platform.BLOG
    assert account.name == "Google Ads Developer Blog"


def test_it_discovers_a_sites_feed_then_reads_it(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/fr/":
            return httpx.Response(200, text=HOMEPAGE, headers={"Content-Type": "text/html"})
        assert request.url.path == "/fr/feed/"
        return recorded("feeds", "rssparser_rss-1.rss")

    http, server = make_http(handler)
    account = FeedClient(http=http).fetch_site("https://blog.example.com/fr/")
    assert [r.url.path for r in server.requests] == ["/fr/", "/fr/feed/"]
    assert len(account.posts) == 69


def test_it_says_when_a_site_announces_no_feed(make_http):
    http, _ = make_http([httpx.Response(200, text="<html></html>")])
    with raises_saying(NotFound, "does not announce an RSS or Atom feed"):
        FeedClient(http=http).find_feed("https://example.com/")


def test_it_gives_up_on_a_feed_host_that_keeps_timing_out(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    http, server = make_http(handler, max_attempts=2)
    with raises_saying(SourceUnavailable, r"did not answer in time at slow\.example\.com"):
        fetch_feed("https://slow.example.com/feed", http=http)
    assert len(server.requests) == 2


# End to end: a real HTTP server on the loopback interface, no mocks between us and it.


class _Site(BaseHTTPRequestHandler):
    feed = fixture_bytes("feeds", "rssparser_feedburner.atom")
    etag = '"feed-v1"'
    seen: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/":
            body = HOMEPAGE.replace("feed/", "blog/feed.atom").encode()
            self._send(200, body, "text/html; charset=utf-8")
        elif self.path == "/fr/blog/feed.atom" or self.path == "/blog/feed.atom":
            if self.headers.get("If-None-Match") == self.etag:
                self._send(304, b"", None)
            else:
                self._send(200, self.feed, "application/atom+xml")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, kind: str | None) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("ETag", self.etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    _Site.seen.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_it_discovers_and_reads_a_feed_over_real_http(site):
    # The test server is on loopback, which only an allowed host may reach.
    with HttpClient(rate_limits={"rss": 1_000.0}, allowed_hosts=["127.0.0.1"]) as http:
        client = FeedClient(http=http, now=lambda: NOW)
        feed_url = client.find_feed(site + "/")
        assert feed_url == site + "/blog/feed.atom"
        account = client.fetch_feed(feed_url)
        again = client.fetch_feed(feed_url)
        with pytest.raises(NotFound):
            client.fetch_feed(site + "/missing.xml")

    assert account.platform is Platform.BLOG
    assert account.name == "Google Ads Developer Blog"
    assert account.source == "rss" and account.fetched_at == NOW
    assert len(account.posts) == 25
    assert again == account  # the 304 answer was served from the cache
    assert _Site.seen[1:3] == [("/blog/feed.atom", None), ("/blog/feed.atom", '"feed-v1"')]
