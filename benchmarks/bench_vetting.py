"""Vetting speed: scoring every creator of a generated workspace in SQLite.

Each creator has one Instagram account with 365 daily follower snapshots and 12 posts;
one in twenty gains a burst of bought followers. Timed in the same run:

- the workspace path (`workspace_scores`, what the nightly refresh runs): follower
  histories and posts read as Arrow columns (ADBC), anomalies and per-post numbers computed
  column-wise, every creator's signals and score;
- the per-creator audit on a sample (load snapshots and posts, engagement and tier
  percentile, trend, cadence, growth, sponsorship, change points explained against posts,
  quality score), which must give the same scores;
- the baseline: only the engagement rate, in polars (group_by account, median of
  (likes + comments) / followers over the last 12 posts), with and without reading the rows.

    python benchmarks/bench_vetting.py [--creators 100000] [--sample 5000]

The database is generated once into benchmarks/.data/ and reused by later runs.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from sqlalchemy import insert
from sqlalchemy.dialects import sqlite as sqlite_dialect

from influent.domain.quality import QualityScore
from influent.services.accounts.workspaces import default_workspace
from influent.services.core import Influent
from influent.services.vetting.audit import audit_creators
from influent.services.vetting.workspace_quality import workspace_scores
from influent.settings import Settings
from influent.store.models import Account, Creator, Post, Snapshot

DATA = Path(__file__).parent / ".data"
_DIALECT = sqlite_dialect.dialect()
NOW = datetime(2025, 1, 1, tzinfo=UTC)
DAYS = 365
POSTS = 12
CHUNK = 2_000  # creators per transaction while generating


def _chunk_rows(
    rng: np.random.Generator, workspace_id: int, first_id: int, count: int
) -> dict[str, list[dict[str, Any]]]:
    # Snapshots are most of the rows: tuples with the dates already in their stored form.
    stored = Snapshot.__table__.c.taken_at.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
    assert stored is not None
    days = [stored(NOW - timedelta(days=DAYS - 1 - d)) for d in range(DAYS)]
    post_times = [NOW - timedelta(days=7 * k + 1, hours=5) for k in range(POSTS)]
    rows: dict[str, list[Any]] = {"c": [], "a": [], "s": [], "p": []}
    start = rng.lognormal(9.5, 1.4, size=count).astype(np.int64) + 100
    for n in range(count):
        cid = first_id + n
        handle = f"creator{cid}"
        rows["c"].append(
            {
                "id": cid,
                "workspace_id": workspace_id,
                "name": f"Creator {cid}",
                "name_key": f"creator {cid}",
                "custom_fields": {},
                "search_text": handle,
            }
        )
        daily = rng.normal(start[n] * 0.0015, start[n] * 0.0004 + 2, size=DAYS)
        if n % 20 == 0:
            daily[200] += start[n] * 0.15
        followers = np.maximum(start[n] + np.cumsum(daily), 0).astype(np.int64)
        rows["a"].append(
            {
                "id": cid,
                "workspace_id": workspace_id,
                "creator_id": cid,
                "platform": "instagram",
                "handle": handle,
                "handle_key": handle,
                "followers": int(followers[-1]),
                "following": int(rng.integers(100, 2_000)),
            }
        )
        rows["s"].extend(
            (cid, day, f, "bench") for day, f in zip(days, followers.tolist(), strict=True)
        )
        likes = rng.lognormal(np.log(followers[-1] * 0.03 + 1), 0.4, size=POSTS).astype(np.int64)
        for k, at in enumerate(post_times):
            rows["p"].append(
                {
                    "account_id": cid,
                    "external_id": f"{cid}-{k}",
                    "published_at": at,
                    "caption": "Merci @marque #ad" if k == 3 else "Une journée ordinaire",
                    "likes": int(likes[k]),
                    "comments": int(likes[k] * 0.03),
                    "source": "bench",
                }
            )
    return rows


def generate(app: Influent, creators: int) -> int:
    """Fill an empty database with `creators` creators; returns the workspace id."""
    app.upgrade()
    with app.session() as session:
        workspace_id = default_workspace(session).id
    rng = np.random.default_rng(4)
    started = time.perf_counter()
    for first in range(0, creators, CHUNK):
        count = min(CHUNK, creators - first)
        rows = _chunk_rows(rng, workspace_id, first + 1, count)
        # Core executemany: one prepared statement per table and chunk, no ORM bookkeeping.
        with app.engine.begin() as connection:
            connection.execute(insert(Creator), rows["c"])
            connection.execute(insert(Account), rows["a"])
            connection.exec_driver_sql(
                "INSERT INTO snapshots (account_id, taken_at, followers, source) "
                "VALUES (?, ?, ?, ?)",
                rows["s"],
            )
            connection.execute(insert(Post), rows["p"])
        done = first + count
        if done % 10_000 == 0 or done == creators:
            rate = done / (time.perf_counter() - started)
            print(f"  generated {done:,} of {creators:,} creators ({rate:,.0f}/s)", flush=True)
    return workspace_id


def polars_baseline(db: Path) -> tuple[float, float, pl.DataFrame]:
    """Seconds to read the rows, seconds to compute, and the engagement rate per account."""
    start = time.perf_counter()
    with sqlite3.connect(db) as connection:
        posts = connection.execute(
            "SELECT account_id, published_at, likes, comments FROM posts"
        ).fetchall()
        accounts = connection.execute("SELECT id, followers FROM accounts").fetchall()
    post_frame = pl.DataFrame(
        posts,
        schema={
            "account_id": pl.Int64,
            "published_at": pl.String,
            "likes": pl.Int64,
            "comments": pl.Int64,
        },
        orient="row",
    )
    account_frame = pl.DataFrame(
        accounts, schema={"account_id": pl.Int64, "followers": pl.Int64}, orient="row"
    )
    loaded = time.perf_counter()
    # Stored timestamps are ISO strings in UTC, so they sort in time order as text.
    rates = (
        post_frame.sort("published_at", descending=True)
        .group_by("account_id", maintain_order=True)
        .head(POSTS)
        .join(account_frame, on="account_id")
        .group_by("account_id")
        .agg(((pl.col("likes") + pl.col("comments")) / pl.col("followers")).median().alias("er"))
    )
    return loaded - start, time.perf_counter() - loaded, rates


def _per_creator(app: Influent, workspace_id: int, sample: int) -> tuple[float, dict[int, Any]]:
    """Seconds to audit the first `sample` creators one by one, and their audits."""
    start = time.perf_counter()
    audits: dict[int, Any] = {}
    with app.session() as session:
        for audit in audit_creators(
            session, workspace_id=workspace_id, creator_ids=range(1, sample + 1), now=NOW
        ):
            audits[audit.creator_id] = audit
    return time.perf_counter() - start, audits


def _workspace(app: Influent, workspace_id: int) -> tuple[float, dict[int, QualityScore]]:
    """Seconds to score every creator column-wise, and the scores."""
    start = time.perf_counter()
    with app.session() as session:
        scores = dict(workspace_scores(session, workspace_id=workspace_id, now=NOW))
    return time.perf_counter() - start, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--creators", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000, help="creators audited one by one")
    args = parser.parse_args()
    db = DATA / f"vetting-{args.creators}.db"
    app = Influent(Settings(database_url=f"sqlite:///{db}"))
    if not db.exists():
        print(
            f"Generating {db.name}: {args.creators:,} creators, {DAYS} snapshots and "
            f"{POSTS} posts each …",
            flush=True,
        )
        generate(app, args.creators)
    with app.session() as session:
        workspace_id = default_workspace(session).id

    read_s, compute_s, rates = polars_baseline(db)
    assert rates.height == args.creators
    fast_s, scores = _workspace(app, workspace_id)
    assert len(scores) == args.creators
    sample = min(args.sample, args.creators)
    slow_s, audits = _per_creator(app, workspace_id, sample)
    app.close()

    # The paths must agree before their speeds are compared: the per-creator audit's
    # engagement rate with polars', and its score and signals with the workspace path's.
    check = dict(zip(rates["account_id"].to_list(), rates["er"].to_list(), strict=True))
    for creator_id, audit in audits.items():
        main_audit = audit.main
        assert main_audit is not None
        assert abs((main_audit.engagement.value or 0) - check[main_audit.account.id]) < 1e-12
        fast, slow = scores[creator_id], main_audit.quality
        assert (fast.score, fast.low, fast.high, fast.rank, fast.flags) == (
            slow.score,
            slow.low,
            slow.high,
            slow.rank,
            slow.flags,
        ), creator_id
        assert [(x.name, x.value, x.points) for x in fast.signals] == [
            (x.name, x.value, x.points) for x in slow.signals
        ], creator_id

    n = args.creators
    flagged = sum("growth_anomalies" in q.flags for q in scores.values())
    print(f"\nVetting {n:,} creators ({n * DAYS:,} snapshots, {n * POSTS:,} posts) in SQLite")
    print(f"{'':52}{'seconds':>10}{'creators/s':>14}")
    print(
        f"{'Workspace scores, column-wise (workspace_scores)':52}{fast_s:>10.2f}{n / fast_s:>14,.0f}"
    )
    label = f"Per-creator audit, first {sample:,} (audit_creators)"
    print(f"{label:52}{slow_s:>10.2f}{sample / slow_s:>14,.0f}")
    both = read_s + compute_s
    print(f"{'Baseline: polars ER only, read + compute':52}{both:>10.2f}{n / both:>14,.0f}")
    print(f"{'Baseline: polars ER only, compute':52}{compute_s:>10.2f}{n / compute_s:>14,.0f}")
    print(
        f"\nWorkspace path: {(n / fast_s) / (n / both):.2f}x the polars baseline (read + compute), "
        f"{(n / fast_s) / (sample / slow_s):.1f}x the per-creator audit."
    )
    print(
        f"{sum(q.score is not None for q in scores.values()):,} creators scored, "
        f"{flagged:,} with a growth anomaly; the {sample:,} audited one by one agree."
    )


if __name__ == "__main__":
    main()
