"""The creators table API on 1,000,000 creators in SQLite: filter + sort + page of 50.

Target (issue #2): p95 <= 50 ms. Each request goes to the real app served by uvicorn in
its own process, over HTTP on 127.0.0.1 with keep-alive (GET /api/v1/creators with a
token), as a browser or script would call it. Baseline, in the same run on the same
database: the plainest page query (`ORDER BY followers DESC LIMIT 50`) sent straight to
sqlite3.

    python benchmarks/bench_table.py [--rows 1000000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from datagen import creators_csv

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import default_workspace
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.settings import Settings

DATA = Path(__file__).parent / ".data"
TARGET_MS = 50.0
QUERIES = {
    "biggest first": {},
    "platform": {"platform": "instagram"},
    "tier": {"tier": "micro"},
    "followers range": {"min_followers": "10k", "max_followers": "50k"},
    "country + language": {"country": "BE", "language": "fr"},
    "tag": {"tag": "shortlist"},
    "text search": {"q": "durand"},
    "text + platform": {"q": "chloe", "platform": "youtube"},
    "sort by name": {"sort": "name"},
    "engagement, youtube": {"sort": "-engagement", "platform": "youtube"},
    "page 200": {"page": "200"},
}


def build(db: Path, rows: int) -> None:
    csv_path = DATA / f"creators-{rows}.csv"
    if not csv_path.exists():
        creators_csv(csv_path, rows)
    app = Influent(Settings(database_url=f"sqlite:///{db}"))
    app.upgrade()
    with app.session() as session:
        workspace_id = default_workspace(session).id
        print(f"Importing {rows:,} creators …", flush=True)
        import_creators(session, workspace_id=workspace_id, path=csv_path)
    with sqlite3.connect(db) as connection:
        # One creator in twenty on the shortlist, for the tag filter.
        connection.execute("INSERT INTO tags (workspace_id, name) VALUES (1, 'shortlist')")
        connection.execute(
            "INSERT INTO creator_tags (creator_id, tag_id) "
            "SELECT id, (SELECT id FROM tags WHERE name = 'shortlist') FROM creators WHERE id % 20 = 0"
        )
        connection.execute("ANALYZE")
    app.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    db = DATA / f"table-{args.rows}.db"
    if not db.exists():
        build(db, args.rows)
    settings = Settings(database_url=f"sqlite:///{db}", secret_key="b" * 40)
    app = Influent(settings)
    with app.session() as session:
        workspace_id = default_workspace(session).id
        existing = [
            u for u, _ in users.list_users(session, workspace_id) if u.email == "bench@example.com"
        ]
        user = (
            existing[0]
            if existing
            else users.create_user(
                session,
                email="bench@example.com",
                password="bench-password",
                workspace_id=workspace_id,
                role=Role.VIEWER,
            )
        )
        token = users.create_token(session, user_id=user.id, name="bench")
    app.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "INFLUENT_DATABASE_URL": settings.database_url,
        "INFLUENT_SECRET_KEY": settings.secret_key,
    }
    command = [sys.executable, "-m", "uvicorn", "influent.web.app:create_app", "--factory"]
    server = subprocess.Popen([*command, "--port", str(port), "--log-level", "warning"], env=env)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    for _ in range(100):
        try:
            client.get("/api/openapi.json")
            break
        except httpx.TransportError:
            time.sleep(0.1)
    try:
        measure(client, token, db, workspace_id, args)
    finally:
        client.close()
        server.terminate()
        server.wait()


def measure(
    client: httpx.Client, token: str, db: Path, workspace_id: int, args: argparse.Namespace
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    raw = sqlite3.connect(db)
    for params in QUERIES.values():  # warm up: the first request of each kind opens pages
        client.get("/api/v1/creators", params={**params, "per_page": "50"}, headers=headers)

    timings: dict[str, list[float]] = {}
    baseline: list[float] = []
    for _ in range(args.repeat):
        for name, params in QUERIES.items():
            start = time.perf_counter()
            response = client.get(
                "/api/v1/creators", params={**params, "per_page": "50"}, headers=headers
            )
            timings.setdefault(name, []).append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.text
            assert response.json()["creators"], name
        start = time.perf_counter()
        raw.execute(
            "SELECT * FROM creators WHERE workspace_id = ? ORDER BY followers DESC LIMIT 50",
            (workspace_id,),
        ).fetchall()
        baseline.append((time.perf_counter() - start) * 1000)

    print(
        f"\nCreators table API on {args.rows:,} creators (SQLite, uvicorn over HTTP), "
        f"{args.repeat} runs per query"
    )
    print(f"{'query':24}{'p50 ms':>10}{'p95 ms':>10}")
    for name, values in timings.items():
        print(f"{name:24}{statistics.median(values):>10.1f}{percentile(values, 0.95):>10.1f}")
    everything = [v for values in timings.values() for v in values]
    overall = percentile(everything, 0.95)
    print(f"{'all queries':24}{statistics.median(everything):>10.1f}{overall:>10.1f}")
    print(
        f"{'baseline: raw sqlite3':24}{statistics.median(baseline):>10.2f}{percentile(baseline, 0.95):>10.2f}"
    )
    print(f"Target p95 ≤ {TARGET_MS:.0f} ms: {'met' if overall <= TARGET_MS else 'NOT met'}.")


if __name__ == "__main__":
    main()
