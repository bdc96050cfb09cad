"""Attributing one order by its visitor's clicks, with and without the (visitor, at) index.

A webhook brings one order at a time; when its landing URL carries a visitor, attribution reads
that visitor's clicks from `link_clicks`. The baseline is the same database without the index
of migration 0012 (a scan of every click), measured side by side in the same run.

    python benchmarks/bench_attribution.py [--clicks 1000000] [--links 2000] [--lookups 200]

Clicks are written straight into a fresh SQLite database migrated with
`influent.store.db.upgrade`; the lookups go through the orders wing's own
`load_attribution_data`, as `record` does for a single order.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from influent.services.accounts.workspaces import ensure_workspace
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.orders import load_attribution_data
from influent.settings import Settings
from influent.store.db import upgrade
from influent.store.link_models import Link, LinkClick
from influent.store.models import Creator

START = datetime(2027, 3, 1, tzinfo=UTC)
BATCH = 50_000


def load(path: Path, clicks: int, links: int) -> tuple[Influent, int, list[str]]:
    url = f"sqlite:///{path}"
    upgrade(url)
    influent = Influent(Settings(database_url=url, secret_key="bench-" + "x" * 40))
    rand = random.Random(15)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Bench")
        campaign = create_campaign(session, workspace_id=workspace.id, name="Bench")
        creators = [
            Creator(workspace_id=workspace.id, name=f"c{i}", name_key=f"c{i}", custom_fields={})
            for i in range(max(1, links // 2))
        ]
        session.add_all(creators)
        session.flush()
        rows = [
            {
                "workspace_id": workspace.id,
                "campaign_id": campaign.id,
                "creator_id": creators[i % len(creators)].id,
                "handle": f"h{i}",
                "key": f"k{i}",
                "key_lower": f"k{i}",
                "destination": "https://shop.example/",
                "target_url": "https://shop.example/",
            }
            for i in range(links)
        ]
        session.execute(insert(Link), rows)
        link_ids = [int(i) for i in session.scalars(text("SELECT id FROM links ORDER BY id"))]
        workspace_id = workspace.id
    # Visitors are drawn from a pool three times smaller than the clicks, as in bench_report.
    pool = [f"{rand.getrandbits(128):032x}" for _ in range(max(1, clicks // 3))]
    with influent.session() as session:
        for start in range(0, clicks, BATCH):
            session.execute(
                insert(LinkClick),
                [
                    {
                        "link_id": rand.choice(link_ids),
                        "at": START + timedelta(seconds=rand.randrange(30 * 86400)),
                        "visitor": rand.choice(pool),
                        "is_bot": rand.random() < 0.08,
                        "agent": "browser",
                    }
                    for _ in range(min(BATCH, clicks - start))
                ],
            )
    return influent, workspace_id, rand.sample(pool, min(len(pool), 1000))


def lookups(influent: Influent, workspace_id: int, visitors: list[str], count: int) -> float:
    """Median seconds to read one visitor's clicks, as a single-order webhook does."""
    times: list[float] = []
    with influent.session() as session:
        data = load_attribution_data(session, workspace_id)
        for visitor in visitors[:count]:
            began = time.perf_counter()
            data.clicks_of(visitor)
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clicks", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=2_000)
    parser.add_argument("--lookups", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        influent, workspace_id, visitors = load(Path(tmp) / "clicks.db", args.clicks, args.links)
        print(
            f"Loaded {args.clicks:,} clicks on {args.links:,} links in {time.perf_counter() - began:.1f} s."
        )
        indexed = lookups(influent, workspace_id, visitors, args.lookups)
        with influent.session() as session:
            session.execute(text("DROP INDEX ix_link_clicks_visitor_at"))
        # The baseline scans every click for each lookup: fewer of them keep the run short.
        scanned = lookups(influent, workspace_id, visitors, max(5, args.lookups // 20))
        influent.close()
    print(f"One visitor's clicks, (visitor, at) index: {indexed * 1000:9.3f} ms (median)")
    print(f"One visitor's clicks, no index (baseline): {scanned * 1000:9.3f} ms (median)")
    print(f"Ratio indexed / baseline:                  {indexed / scanned:9.4f}×")


if __name__ == "__main__":
    main()
