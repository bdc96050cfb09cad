"""Enrichment speed: 10,000 blog accounts refreshed from a local feed server.

A threaded HTTP server on 127.0.0.1, in its own process so that its CPU time is not counted,
serves a small RSS feed at /feed/<n>.xml. Measured in the same run:

- baseline: a bare httpx.Client loop fetching the same URLs;
- wrapper: the same fetches through Influent's HttpClient (rate limit, retries, cache);
- enrich: the full service path (wrapper, feed parsing, posts, snapshot, SQLite writes);
- a short run with a low rate limit, to check the limit holds (measured rate <= limit).

    python benchmarks/bench_enrichment.py [--accounts 10000] [--rate 5000] [--limited-rate 200]
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from influent.services.accounts.workspaces import default_workspace
from influent.services.core import Influent
from influent.services.enrichment.refresh import enrich
from influent.settings import Settings
from influent.sources.http import HttpClient
from influent.store import creator_writes
from influent.store.source_queries import AccountFeed


def _feed() -> bytes:
    items = "".join(
        f"<item><title>Post {i}</title><link>https://blog.example/p/{i}</link>"
        f"<guid>https://blog.example/p/{i}</guid>"
        f"<pubDate>{format_datetime(datetime(2024, 5, i + 1, 9, tzinfo=UTC))}</pubDate>"
        f"<description>Notes on vegan skincare, part {i}.</description></item>"
        for i in range(5)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>A small blog</title><link>https://blog.example/</link>"
        f"<description>Vegan skincare notes</description><language>fr</language>{items}"
        "</channel></rss>"
    ).encode()


FEED = _feed()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real feed hosts do
    disable_nagle_algorithm = True  # headers and body leave at once, as on a real server

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, format: str, *args: Any) -> None:
        return None


def _serve(port_queue: Any) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def _measure(count: int, run: Callable[[], None]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _seed(app: Influent, base: str, count: int) -> int:
    app.upgrade()
    now = datetime.now(UTC)
    with app.session() as session:
        workspace_id = default_workspace(session).id
        creator_ids = creator_writes.insert_creators(
            session,
            [
                {
                    "workspace_id": workspace_id,
                    "name": f"Blog {i}",
                    "name_key": f"blog {i}",
                    "custom_fields": {},
                    "search_text": f"blog {i}",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(count)
            ],
        )
        creator_writes.insert_accounts(
            session,
            [
                {
                    "workspace_id": workspace_id,
                    "creator_id": cid,
                    "platform": "blog",
                    "handle": f"blog{i}.example",
                    "handle_key": f"blog{i}.example",
                    "url": f"https://blog{i}.example/",
                    "created_at": now,
                }
                for i, cid in enumerate(creator_ids)
            ],
        )
        account_ids = range(creator_ids[0], creator_ids[0] + count)  # ids follow creators'
        session.execute(
            insert(AccountFeed),
            [
                {"account_id": aid, "feed_url": f"{base}/feed/{i}.xml", "updated_at": now}
                for i, aid in enumerate(account_ids)
            ],
        )
    return workspace_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=5_000.0, help="Feed requests per second.")
    parser.add_argument("--limited-rate", type=float, default=200.0)
    args = parser.parse_args()
    n = args.accounts

    queue: Any = multiprocessing.get_context("spawn").Queue()
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(queue,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{queue.get(timeout=10)}"
    urls = [f"{base}/feed/{i}.xml" for i in range(n)]
    rows: list[tuple[str, float, float, float]] = []
    try:

        def bare() -> None:
            with httpx.Client() as client:
                for url in urls:
                    client.get(url).raise_for_status()

        wall, cpu = _measure(n, bare)
        rows.append(("bare httpx.Client loop (baseline)", n / wall, cpu * 1000 / n, args.rate))

        def wrapped() -> None:
            with HttpClient(rate_limits={"rss": args.rate}) as http:
                for url in urls:
                    http.get(url, source="rss", conditional=False)

        wall, cpu = _measure(n, wrapped)
        rows.append(("HttpClient wrapper", n / wall, cpu * 1000 / n, args.rate))
        assert n / wall <= args.rate * 1.01 + 1, "the wrapper went over its rate limit"

        with tempfile.TemporaryDirectory() as folder:
            app = Influent(Settings(database_url=f"sqlite:///{Path(folder) / 'bench.db'}"))
            workspace_id = _seed(app, base, n)

            def service() -> None:
                with (
                    HttpClient(rate_limits={"rss": args.rate}) as http,
                    app.session() as session,
                ):
                    report = enrich(
                        session, workspace_id=workspace_id, all_accounts=True, http=http
                    )
                assert report.refreshed == n and not report.errors, report.errors[:3]

            wall, cpu = _measure(n, service)
            rows.append(("enrich (wrapper + parse + SQLite)", n / wall, cpu * 1000 / n, args.rate))
            assert n / wall <= args.rate * 1.01 + 1
            app.close()

        limited = min(n, int(args.limited_rate * 2))

        def slow() -> None:
            with HttpClient(rate_limits={"rss": args.limited_rate}) as http:
                for url in urls[:limited]:
                    http.get(url, source="rss", conditional=False)

        wall, cpu = _measure(limited, slow)
        measured = limited / wall
        rows.append(
            ("HttpClient at a low limit", measured, cpu * 1000 / limited, args.limited_rate)
        )
        # A token bucket allows one request of burst on top of the rate.
        assert measured <= args.limited_rate * (1 + 1 / limited) + 0.5, "rate limit not respected"
    finally:
        server.terminate()
        server.join()

    print(f"\nEnrichment of {n:,} accounts against a local feed server\n")
    print(f"{'path':36} {'requests/s':>11} {'CPU s / 1,000':>14} {'limit/s':>9}")
    for name, rate, cpu_per_k, limit in rows:
        print(f"{name:36} {rate:11,.0f} {cpu_per_k:14.2f} {limit:9,.0f}")


if __name__ == "__main__":
    main()
