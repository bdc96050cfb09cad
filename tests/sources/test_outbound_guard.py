"""The outbound guard: nothing a user types makes Influent fetch an internal address.

Each attack runs against real HTTP servers started by the test on 127.0.0.1, through the real
transport, and checks both the refusal and that the target never saw a request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from influent.sources._guard import is_internal
from influent.sources.http import BlockedAddress, HttpClient
from influent_testing import raises_saying


@dataclass
class Server:
    port: int
    hits: list[str] = field(default_factory=list)
    redirect_to: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hits.append(self.path)
            if server.redirect_to and self.path == "/go":
                self.send_response(302)
                self.send_header("Location", server.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"internal secrets"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Two servers on loopback: one a user may be allowed to reach, one internal."""
    started = []
    for _ in range(2):
        info = Server(0)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(info))
        info.port = httpd.server_address[1]
        thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        started.append((info, httpd, thread))
    yield [info for info, _, _ in started]
    for _, httpd, thread in started:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _client(**options: object) -> HttpClient:
    return HttpClient(max_attempts=1, rate_limits={"rss": 1_000.0}, **options)  # type: ignore[arg-type]


def test_it_refuses_a_loopback_ip(servers: list[Server]) -> None:
    target = servers[1]
    with _client() as http, raises_saying(BlockedAddress, "internal address"):
        http.get(target.url, source="rss")
    assert target.hits == []


def test_it_refuses_a_name_that_resolves_to_loopback(servers: list[Server]) -> None:
    target = servers[1]
    with _client() as http, pytest.raises(BlockedAddress):
        http.get(f"http://localhost:{target.port}/", source="rss")
    assert target.hits == []


def test_it_resolves_names_and_refuses_an_internal_answer(servers: list[Server]) -> None:
    # A public-looking name whose DNS answer is 127.0.0.1, the classic way around a URL check.
    target = servers[1]
    resolver = {"blog.example.com": ["127.0.0.1"]}
    with (
        _client(resolver=lambda host, port: resolver[host]) as http,
        raises_saying(BlockedAddress, r"blog\.example\.com"),
    ):
        http.get(f"http://blog.example.com:{target.port}/", source="rss")
    assert target.hits == []


def test_an_allowed_name_reaches_its_internal_address(servers: list[Server]) -> None:
    target = servers[1]
    with _client(
        resolver=lambda host, port: ["127.0.0.1"],
        allowed_hosts=[f"feeds.lan:{target.port}"],
    ) as http:
        fetched = http.get(f"http://feeds.lan:{target.port}/", source="rss")
    assert fetched.content == b"internal secrets" and target.hits == ["/"]


def test_it_refuses_a_redirect_from_an_allowed_host_to_an_internal_one(
    servers: list[Server],
) -> None:
    allowed, internal = servers
    allowed.redirect_to = internal.url + "admin"
    with (
        _client(allowed_hosts=[f"127.0.0.1:{allowed.port}"]) as http,
        raises_saying(BlockedAddress, r"127\.0\.0\.1"),
    ):
        http.get(allowed.url + "go", source="rss")
    assert allowed.hits == ["/go"]
    assert internal.hits == []


@pytest.mark.parametrize(
    "location",
    [
        "http://localhost:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
        "file:///etc/passwd",
    ],
)
def test_it_refuses_every_internal_redirect_target(servers: list[Server], location: str) -> None:
    allowed, internal = servers
    allowed.redirect_to = location.format(port=internal.port)
    with (
        _client(allowed_hosts=[f"127.0.0.1:{allowed.port}"]) as http,
        pytest.raises(BlockedAddress),
    ):
        http.get(allowed.url + "go", source="rss")
    assert internal.hits == []


def test_an_allowed_host_may_be_fetched(servers: list[Server]) -> None:
    allowed = servers[0]
    with _client(allowed_hosts=[f"127.0.0.1:{allowed.port}"]) as http:
        assert http.get(allowed.url, source="rss").status == 200
    # The allowance names a port: the same address on another port stays refused.
    with (
        _client(allowed_hosts=[f"127.0.0.1:{allowed.port}"]) as http,
        pytest.raises(BlockedAddress),
    ):
        http.get(servers[1].url, source="rss")


def test_a_test_transport_still_checks_every_hop() -> None:
    # MockTransport has no DNS, but IP literals and local names are checked on each hop.
    seen: list[str] = []

    def site(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(301, headers={"Location": "http://10.0.0.7/private"})

    with HttpClient(transport=httpx.MockTransport(site), max_attempts=1) as http:
        with raises_saying(BlockedAddress, r"10\.0\.0\.7"):
            http.get("https://blog.example.com/", source="rss")
        with pytest.raises(BlockedAddress):
            http.get("http://127.0.0.1/", source="rss")
    assert seen == ["https://blog.example.com/"]


@pytest.mark.parametrize(
    ("address", "internal"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.251", True),
        ("255.255.255.255", True),
        ("::1", True),
        ("fe80::1", True),
        ("fd00::1", True),
        ("::ffff:127.0.0.1", True),
        ("64:ff9b::a00:1", True),
        ("2002:c0a8:101::", True),
        ("ff02::1", True),
        ("93.184.215.14", False),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", False),
    ],
)
def test_it_knows_which_addresses_are_internal(address: str, internal: bool) -> None:
    assert is_internal(address) is internal


def test_it_checks_the_address_it_connects_to_not_only_the_first_answer(
    servers: list[Server],
) -> None:
    # DNS rebinding: the name answers a public address when checked, loopback when connecting.
    target = servers[1]
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    with (
        _client(resolver=lambda host, port: next(answers)) as http,
        raises_saying(BlockedAddress, r"rebind\.example\.com"),
    ):
        http.get(f"http://rebind.example.com:{target.port}/", source="rss")
    assert target.hits == []
