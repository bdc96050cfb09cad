"""The workspace-wide quality scoring and the per-creator audit agree on every signal, for
the demo workspace and for generated ones, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from demo_copies import demo_in
from influent.domain.quality import QualityScore
from influent.services.core import Influent
from influent.services.vetting import attach_follower_audit, audit_creator, audit_follower_sample
from influent.services.vetting.quality_table import quality_of, refresh_quality
from influent.services.vetting.workspace_quality import workspace_scores
from influent.store.models import Account, Creator, Post, Snapshot
from influent.store.quality_frame_queries import column_reader
from influent.store.source_models import Comment

NOW = datetime(2025, 3, 31, 12, tzinfo=UTC)
GENERIC = ["nice!", "🔥🔥", "love it", "wow", "great pic"]
REAL = ["Where did you buy the jacket in the second photo?", "The recipe worked, thanks a lot"]


def _add_creator(session: Session, workspace_id: int, rng: np.random.Generator, n: int) -> None:
    creator = Creator(workspace_id=workspace_id, name=f"Creator {n}", name_key=f"creator {n}")
    session.add(creator)
    session.flush()
    kind = n % 12
    for k in range(0 if kind == 0 else 1 + (kind == 5)):
        platform = ["instagram", "tiktok", "youtube", "podcast"][(n + k) % 4 if kind > 8 else 0]
        followers = int(rng.lognormal(10, 1.5)) + 50
        stated = kind in (3, 4)
        account = Account(
            workspace_id=workspace_id,
            creator_id=creator.id,
            platform=platform,
            handle=f"c{n}_{k}",
            handle_key=f"c{n}_{k}",
            followers=None if kind == 7 else followers,
            following=None if kind == 6 else int(rng.integers(50, 9_000)),
            engagement_rate=float(rng.uniform(0.005, 0.2)) if stated else None,
            stats_source="import" if stated else "instagram",
            stats_updated_at=NOW - timedelta(days=int(rng.integers(0, 400))),
        )
        session.add(account)
        session.flush()
        days = {7: 0, 1: 10, 2: 120, 8: 20}.get(kind, 200)
        value = float(followers)
        for d in range(days):
            if kind == 2 and d % 3 == 1:
                continue  # gaps: the series is interpolated
            taken = NOW - timedelta(days=days - d, hours=int(rng.integers(0, 20)))
            if kind == 8:
                gain = 5.0  # the same gain every day: no spread at all
            else:
                gain = float(rng.normal(followers * 0.001, followers * 0.0005 + 1))
                if d == days // 2 and n % 3 == 0:
                    gain += followers * (0.2 if n % 2 else -0.15)
            value = max(0.0, value + gain)
            session.add(
                Snapshot(
                    account_id=account.id,
                    taken_at=taken,
                    followers=None if kind == 9 and d % 5 == 0 else int(value),
                    following=account.following,
                    source="import" if kind == 4 and d == days - 1 else "instagram",
                )
            )
            if kind == 10 and d % 7 == 0:  # two snapshots in one day: the last one counts
                session.add(
                    Snapshot(
                        account_id=account.id,
                        taken_at=taken + timedelta(minutes=30),
                        followers=int(value * 1.01),
                        source="instagram",
                    )
                )
        for p in range(0 if kind == 11 else int(rng.integers(1, 20))):
            likes = (
                None if kind == 9 and p == 0 else int(rng.lognormal(np.log(followers * 0.03 + 1)))
            )
            post = Post(
                account_id=account.id,
                external_id=f"{n}-{k}-{p}",
                published_at=NOW - timedelta(days=int(rng.integers(0, 500)), hours=p),
                likes=likes,
                comments=int(rng.integers(0, 400)) if kind != 1 else None,
                views=int(rng.integers(100, 100_000)),
                source="instagram",
            )
            session.add(post)
            if kind in (5, 6, 10) and p < 4:
                session.flush()
                words = GENERIC if n % 2 else REAL
                for c in range(5):
                    session.add(
                        Comment(post_id=post.id, text=words[c % len(words)], source="instagram")
                    )


def _fingerprint(q: QualityScore) -> tuple[object, ...]:
    signals = tuple(
        (s.name, s.value, s.weight, s.points, s.stated, s.flag, s.sentence, s.benchmark)
        for s in q.signals
    )
    missing = tuple((m.name, m.weight, m.reason) for m in q.missing)
    return (
        q.score,
        q.provisional,
        q.confidence,
        q.low,
        q.high,
        q.rank,
        q.flags,
        q.worst,
        q.weight_used,
        q.note,
        signals,
        missing,
    )


def _assert_agree(influent: Influent, workspace_id: int, now: datetime) -> dict[int, QualityScore]:
    with influent.session() as session:
        fast = dict(workspace_scores(session, workspace_id=workspace_id, now=now))
        creator_ids = list(
            session.scalars(
                Creator.__table__.select()
                .with_only_columns(Creator.id)
                .where(Creator.workspace_id == workspace_id)
            )
        )
        compared = 0
        for creator_id in creator_ids:
            audit = audit_creator(
                session, workspace_id=workspace_id, creator_id=creator_id, now=now
            )
            if audit.main is None:
                assert creator_id not in fast
                continue
            assert _fingerprint(fast[creator_id]) == _fingerprint(audit.main.quality), creator_id
            compared += 1
    assert compared == len(fast)
    return fast


def test_the_fast_path_agrees_on_generated_workspaces(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    rng = np.random.default_rng(11)
    with influent.session() as session:
        for n in range(48):
            _add_creator(session, workspace_id, rng, n)
    # Two creators have a follower audit attached: their fake-follower signal on both paths.
    sample = tmp_path / "sample.csv"
    sample.write_text(
        "username,followers,following,posts,has_profile_picture\n"
        "jean.dupont,120,300,85,yes\nuser84756392,3,7500,0,no\nclaire_b,240,180,40,yes\n",
        encoding="utf-8",
    )
    result = audit_follower_sample(sample)
    with influent.session() as session:
        owners = sorted({a.creator_id for a in session.query(Account)})[:2]
        for creator_id in owners:
            attach_follower_audit(
                session,
                workspace_id=workspace_id,
                creator=f"#{creator_id}",
                result=result,
                file_name="sample.csv",
                now=NOW - timedelta(days=3),
            )
    fast = _assert_agree(influent, workspace_id, NOW)
    assert all(
        any(s.name == "fake_followers" for s in fast[creator_id].signals) for creator_id in owners
    )
    assert len(fast) >= 40
    # Every case the generator meant to cover is there.
    signals = [s for q in fast.values() for s in q.signals]
    missing = {m.name for q in fast.values() for m in q.missing}
    growth = [s for s in signals if s.name == "growth_anomalies"]
    assert any(s.points < s.weight for s in growth) and any(s.points == s.weight for s in growth)
    assert "growth_anomalies" in missing and "comment_authenticity" in missing
    assert any(s.stated for s in signals)
    assert any(s.name == "comment_authenticity" for s in signals)
    assert {q.provisional for q in fast.values()} == {True, False}
    assert any(q.score is None for q in fast.values())
    # The whole-workspace refresh stores what the per-creator audit finds.
    with influent.session() as session:
        assert refresh_quality(session, workspace_id=workspace_id, now=NOW) == 48
    with influent.session() as session:
        ids = list(session.scalars(Creator.__table__.select().with_only_columns(Creator.id)))
        stored = quality_of(session, ids)
        for creator_id in ids[:12]:
            audit = audit_creator(
                session, workspace_id=workspace_id, creator_id=creator_id, now=NOW
            )
            q = audit.main.quality if audit.main else None
            assert stored[creator_id].score == (q.score if q else None)
            assert stored[creator_id].flags == (q.flags if q else ())


def test_the_fast_path_agrees_on_the_demo_workspace(influent: Influent) -> None:
    today = date(2025, 3, 31)
    demo = demo_in(influent, creators=30, days=60, today=today)
    now = datetime.combine(today, datetime.min.time(), UTC)
    assert len(_assert_agree(influent, demo.workspace_id, now)) >= 30


def test_uncommitted_rows_are_read_through_the_session(
    influent: Influent, workspace_id: int
) -> None:
    """On SQLite the committed columns are read by a connection of their own (ADBC); rows the
    session has written and not committed are read through the session, with the same
    scores."""
    rng = np.random.default_rng(5)
    with influent.session() as session:
        for n in range(12):
            _add_creator(session, workspace_id, rng, n)
    sqlite = influent.engine.dialect.name == "sqlite"
    with influent.session() as session:
        with column_reader(session) as reader:
            assert (reader is not None) is sqlite
        committed = dict(workspace_scores(session, workspace_id=workspace_id, now=NOW))
        for n in range(12, 24):
            _add_creator(session, workspace_id, rng, n)
        session.flush()
        with column_reader(session) as reader:
            assert reader is None
        fast = dict(workspace_scores(session, workspace_id=workspace_id, now=NOW))
        assert len(fast) > len(committed)
        for creator_id, score in fast.items():
            audit = audit_creator(
                session, workspace_id=workspace_id, creator_id=creator_id, now=NOW
            )
            assert audit.main is not None
            assert _fingerprint(score) == _fingerprint(audit.main.quality), creator_id
        session.rollback()
