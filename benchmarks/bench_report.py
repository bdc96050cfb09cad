"""The campaign report on rollups beside DuckDB aggregating the raw clicks and orders.

Target (issue #15): Influent's report, reading the rollups that write-time maintenance keeps
(`link_days` per link and day, `order_rollups` per creator and day) from SQLite, takes at most
3× the time DuckDB takes to aggregate the raw tables (per creator: clicks human and bot,
visitors, orders, revenue and refunds), measured in the same run.

    python benchmarks/bench_report.py [--clicks 10000000] [--orders 1000000]
        [--creators 1000] [--days 30] [--repeat 5]

The raw data is generated inside DuckDB (seeded, deterministic); the rollups are computed from
it by DuckDB and loaded into a fresh SQLite database migrated with `influent.store.db.upgrade`,
with the campaign, its creators, their links and deals made through the ORM.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
from sqlalchemy import insert

from influent.services.accounts.workspaces import ensure_workspace
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.orders import campaign_report
from influent.settings import Settings
from influent.store.db import upgrade
from influent.store.deal_models import Deal
from influent.store.link_models import Link, LinkDay
from influent.store.models import Creator
from influent.store.order_models import OrderRollup

START = date(2027, 3, 1)
LINKS_PER_CREATOR = 2


def generate(
    con: duckdb.DuckDBPyConnection, clicks: int, orders: int, creators: int, days: int
) -> None:
    links = creators * LINKS_PER_CREATOR
    con.execute("SELECT setseed(0.15)")
    con.execute(
        f"""CREATE TABLE links AS
        SELECT i AS link_id, (i - 1) // {LINKS_PER_CREATOR} + 1 AS creator_id
        FROM range(1, {links} + 1) t(i)"""
    )
    # About 1 click in 12 from a bot; visitors drawn from a pool three times smaller than clicks.
    con.execute(
        f"""CREATE TABLE clicks AS
        SELECT i AS id,
               1 + (hash(i) % {links})::BIGINT AS link_id,
               TIMESTAMP '{START}' + to_microseconds((hash(i * 7) % ({days} * 86400000000))::BIGINT) AS clicked_at,
               (hash(i * 13) % {max(clicks // 3, 1)})::BIGINT AS visitor,
               hash(i * 17) % 12 = 0 AS is_bot
        FROM range({clicks}) t(i)"""
    )
    # One order in ten unattributed (creator 0); one in twenty partly refunded.
    con.execute(
        f"""CREATE TABLE orders AS
        SELECT i AS id,
               CASE WHEN hash(i * 3) % 10 = 0 THEN 0 ELSE 1 + (hash(i * 5) % {creators}) END AS creator_id,
               TIMESTAMP '{START}' + to_microseconds((hash(i * 11) % ({days} * 86400000000))::BIGINT) AS placed_at,
               (1000 + hash(i * 19) % 9000)::BIGINT AS total_minor,
               CASE WHEN hash(i * 23) % 20 = 0 THEN 500 ELSE 0 END::BIGINT AS refunded_minor
        FROM range({orders}) t(i)"""
    )


DUCK_REPORT = """
WITH c AS (
    SELECT l.creator_id,
           count(*) FILTER (WHERE NOT k.is_bot) AS human,
           count(*) FILTER (WHERE k.is_bot) AS bot,
           count(DISTINCT (k.link_id, k.clicked_at::DATE, k.visitor)) FILTER (WHERE NOT k.is_bot) AS visitors
    FROM clicks k JOIN links l USING (link_id)
    GROUP BY l.creator_id
), o AS (
    SELECT creator_id, count(*) AS orders, sum(total_minor) AS revenue,
           sum(refunded_minor) AS refunded
    FROM orders GROUP BY creator_id
)
SELECT coalesce(c.creator_id, o.creator_id) AS creator_id, human, bot, visitors, orders,
       revenue, refunded
FROM c FULL JOIN o ON c.creator_id = o.creator_id
"""


# What the issue names: per creator, clicks (human and bot), orders, revenue and refunds.
DUCK_PLAIN = """
WITH c AS (
    SELECT l.creator_id, count(*) FILTER (WHERE NOT k.is_bot) AS human,
           count(*) FILTER (WHERE k.is_bot) AS bot
    FROM clicks k JOIN links l USING (link_id)
    GROUP BY l.creator_id
), o AS (
    SELECT creator_id, count(*) AS orders, sum(total_minor) AS revenue,
           sum(refunded_minor) AS refunded
    FROM orders GROUP BY creator_id
)
SELECT coalesce(c.creator_id, o.creator_id) AS creator_id, human, bot, NULL, orders, revenue,
       refunded
FROM c FULL JOIN o ON c.creator_id = o.creator_id
"""


def timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def load(db: Path, con: duckdb.DuckDBPyConnection, creators: int) -> tuple[Influent, int, int]:
    url = f"sqlite:///{db}"
    upgrade(url)
    influent = Influent(Settings(database_url=url, secret_key="bench-" + "x" * 40))
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        campaign = create_campaign(
            session, workspace_id=workspace.id, name="Serum launch", currency="EUR"
        )
        ws, cid = workspace.id, campaign.id
        session.execute(
            insert(Creator),
            [
                {
                    "id": i,
                    "workspace_id": ws,
                    "name": f"Creator {i}",
                    "name_key": f"creator {i}",
                    "custom_fields": {},
                }
                for i in range(1, creators + 1)
            ],
        )
        session.execute(
            insert(Link),
            [
                {
                    "id": link_id,
                    "workspace_id": ws,
                    "campaign_id": cid,
                    "creator_id": creator_id,
                    "handle": f"c{creator_id}",
                    "key": f"k{link_id}",
                    "key_lower": f"k{link_id}",
                    "destination": "https://shop.example/",
                    "target_url": "https://shop.example/",
                }
                for link_id, creator_id in con.execute(
                    "SELECT link_id, creator_id FROM links"
                ).fetchall()
            ],
        )
        session.execute(
            insert(Deal),
            [
                {
                    "workspace_id": ws,
                    "campaign_id": cid,
                    "creator_id": i,
                    "fee_minor": 20_000 + 100 * (i % 50),
                    "gifted_value_minor": 3_000,
                    "commission_per_order_minor": 150,
                    "currency": "EUR",
                    "status": "live",
                }
                for i in range(1, creators + 1)
            ],
        )
        # What write-time maintenance leaves behind: one row per link and day, per creator and day.
        link_days = con.execute(
            """SELECT link_id, clicked_at::DATE AS day, count(*) FILTER (WHERE NOT is_bot),
                      count(*) FILTER (WHERE is_bot),
                      count(DISTINCT visitor) FILTER (WHERE NOT is_bot)
               FROM clicks GROUP BY link_id, day"""
        ).fetchall()
        session.execute(
            insert(LinkDay),
            [
                {"link_id": k, "day": d, "human": h, "bot": b, "visitors": v}
                for k, d, h, b, v in link_days
            ],
        )
        rollups = con.execute(
            """SELECT creator_id, placed_at::DATE AS day, count(*), sum(total_minor),
                      sum(refunded_minor)
               FROM orders GROUP BY creator_id, day"""
        ).fetchall()
        session.execute(
            insert(OrderRollup),
            [
                {
                    "workspace_id": ws,
                    "campaign_id": cid if c else 0,
                    "creator_id": c,
                    "day": d,
                    "currency": "EUR",
                    "orders": n,
                    "revenue_minor": int(r),
                    "refunded_minor": int(f),
                }
                for c, d, n, r, f in rollups
            ],
        )
        print(f"Rollups loaded: {len(link_days):,} link-days, {len(rollups):,} order rollups.")
    return influent, ws, cid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clicks", type=int, default=10_000_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--creators", type=int, default=1_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    con = duckdb.connect()
    began = time.perf_counter()
    generate(con, args.clicks, args.orders, args.creators, args.days)
    print(
        f"Generated {args.clicks:,} clicks and {args.orders:,} orders for {args.creators:,} "
        f"creators over {args.days} days in DuckDB in {time.perf_counter() - began:.1f} s."
    )
    duck_s, duck_rows = timed(lambda: con.execute(DUCK_PLAIN).fetchall(), args.repeat)
    visitors_s, _ = timed(lambda: con.execute(DUCK_REPORT).fetchall(), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        influent, ws, cid = load(Path(tmp) / "report.db", con, args.creators)
        print(f"Migrated SQLite and loaded the rollups in {time.perf_counter() - began:.1f} s.")

        def report() -> object:
            with influent.session() as session:
                return campaign_report(session, workspace_id=ws, campaign_id=cid)

        ours_s, found = timed(report, args.repeat)
        influent.close()
    rows = duck_rows if isinstance(duck_rows, list) else []
    duck_orders = sum(int(r[4] or 0) for r in rows)
    ours_orders = getattr(getattr(found, "totals", None), "performance", None)
    n = args.repeat
    print(f"DuckDB, raw, clicks/orders/revenue:  {duck_s * 1000:9.1f} ms (median of {n})")
    print(f"DuckDB, raw, + distinct visitors:    {visitors_s * 1000:9.1f} ms (median of {n})")
    print(f"Influent report, SQLite rollups:     {ours_s * 1000:9.1f} ms (median of {n})")
    print(f"Ratio Influent / DuckDB:             {ours_s / duck_s:9.2f}× (target <= 3×)")
    print(f"Ratio Influent / DuckDB + visitors:  {ours_s / visitors_s:9.2f}×")
    print(
        f"Orders: DuckDB {duck_orders:,}, report total "
        f"{getattr(ours_orders, 'orders', 0):,} (must be equal)."
    )


if __name__ == "__main__":
    main()
