from __future__ import annotations

import itertools
import random
import statistics
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from demo_copies import demo_in
from influent.analytics.changepoints import detect_follower_events
from influent.domain.comments import comment_authenticity
from influent.domain.content import PostData
from influent.domain.metrics import cadence, engagement_rate
from influent.domain.platforms import Platform, PostKind
from influent.domain.sponsorship import disclosure_check
from influent.services.accounts import users
from influent.services.brandfit.demo import BRANDFIT_DEMO_CREATORS
from influent.services.core import Influent
from influent.services.demo.builder import (
    DEMO_OWNER,
    DEMO_PASSWORD,
    DEMO_VIEWER,
    AccountSpec,
    DemoError,
    DemoSummary,
    Story,
    build_demo,
    instagram_median_er,
    plan_demo,
    simulate_account,
)
from influent.services.demo.data import NICHES
from influent.store.models import Account, Creator, Post, Snapshot, Workspace

TODAY = date(2025, 3, 31)
DAYS = 60


def build(influent: Influent, *, reset: bool = False) -> DemoSummary:
    if not reset:
        # The same demo as build_demo writes, built once per backend for the run.
        return demo_in(influent, creators=30, days=DAYS, today=TODAY)
    with influent.session() as session:
        return build_demo(session, creators=30, days=DAYS, today=TODAY, reset=reset)


def series(session: Session, account_id: int) -> list[tuple[date, int]]:
    rows = session.execute(
        select(Snapshot.taken_at, Snapshot.followers)
        .where(Snapshot.account_id == account_id)
        .order_by(Snapshot.taken_at)
    )
    return [(taken.date(), followers) for taken, followers in rows if followers is not None]


def posts_of(session: Session, account_id: int) -> list[PostData]:
    return [
        PostData(
            external_id=p.external_id,
            published_at=p.published_at,
            kind=PostKind(p.kind),
            title=p.title,
            caption=p.caption,
            likes=p.likes,
            comments=p.comments,
            views=p.views,
        )
        for p in session.scalars(select(Post).where(Post.account_id == account_id))
    ]


def test_it_plans_the_same_demo_from_the_same_seed() -> None:
    def fingerprint(seed: int) -> list[tuple[str, str, list[int], list[str]]]:
        return [
            (c.name, a.spec.handle, a.followers.tolist(), [p.external_id for p in a.posts])
            for c in plan_demo(creators=12, days=30, seed=seed, today=TODAY)
            for a in c.accounts
        ]

    assert fingerprint(7) == fingerprint(7)
    assert fingerprint(7) != fingerprint(8)


def test_it_builds_a_plausible_demo(influent: Influent) -> None:
    summary = build(influent)
    # The brand-fit demo adds its own creators, one account each.
    assert summary.created and summary.creators == 30 + BRANDFIT_DEMO_CREATORS
    assert 30 + BRANDFIT_DEMO_CREATORS < summary.accounts < 45 + BRANDFIT_DEMO_CREATORS
    assert summary.snapshots == summary.accounts * DAYS
    assert summary.posts > summary.accounts * 4 and summary.tags > 3
    with influent.session() as session:
        workspace = session.get(Workspace, summary.workspace_id)
        assert workspace is not None
        assert (workspace.name, workspace.currency, workspace.link_domains) == (
            "Maison Verte",
            "EUR",
            ["maisonverte.fr"],
        )
        creators = session.scalars(select(Creator)).all()
        assert all(c.accounts for c in creators)
        for creator in creators:
            main = max(creator.accounts, key=lambda a: (a.followers or 0, -a.id))
            assert (creator.platform, creator.handle, creator.followers) == (
                main.platform,
                main.handle,
                main.followers,
            )
            assert creator.search_text and creator.name_key
        accounts = session.scalars(select(Account)).all()
        for account in accounts:
            stamps = session.scalars(
                select(Snapshot.taken_at)
                .where(Snapshot.account_id == account.id)
                .order_by(Snapshot.taken_at)
            ).all()
            assert len(stamps) == DAYS and stamps[-1].date() == TODAY
            assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(stamps))
            last = session.scalars(
                select(Snapshot)
                .where(Snapshot.account_id == account.id)
                .order_by(Snapshot.taken_at.desc())
            ).first()
            assert last is not None
            assert (account.followers, account.following, account.posts_count) == (
                last.followers,
                last.following,
                last.posts_count,
            )
            assert account.stats_source == "demo" and account.stats_updated_at == stamps[-1]
            if account.platform == Platform.YOUTUBE.value:
                assert account.total_views == last.total_views and last.total_views
        latest_post = session.scalar(select(func.max(Post.published_at)))
        assert latest_post is not None and latest_post < datetime.combine(
            TODAY, datetime.min.time(), UTC
        )
        owner = users.authenticate(session, email=DEMO_OWNER, password=DEMO_PASSWORD)
        viewer = users.authenticate(session, email=DEMO_VIEWER, password=DEMO_PASSWORD)
        assert owner is not None and viewer is not None


def comment_texts(session: Session, account_id: int) -> list[str]:
    from influent.store.source_models import Comment

    return list(
        session.scalars(
            select(Comment.text)
            .join(Post, Post.id == Comment.post_id)
            .where(Post.account_id == account_id)
        )
    )


def test_it_gives_stories_that_the_vetting_finds(influent: Influent) -> None:
    summary = build(influent)
    assert {s.story for s in summary.stories} == set(Story)
    with influent.session() as session:
        for story in (Story.BOUGHT_FOLLOWERS, Story.DROP_AFTER_POST, Story.GIVEAWAY):
            for told in summary.with_story(story):
                points = series(session, told.account_id)
                found = detect_follower_events(points).events
                assert told.day is not None and [e.start for e in found] == [told.day]
                event = found[0]
                if story is Story.BOUGHT_FOLLOWERS:
                    assert 0.14 < event.change_pct < 0.42
                elif story is Story.DROP_AFTER_POST:
                    assert -0.09 < event.change_pct < -0.018
                else:
                    assert event.change_pct > 0.04
                if told.post_external_id:
                    post = next(
                        p
                        for p in posts_of(session, told.account_id)
                        if p.external_id == told.post_external_id
                    )
                    assert post.published_at.date() == told.day - timedelta(days=1)
        for told in summary.with_story(Story.ENGAGEMENT_POD):
            account = session.get(Account, told.account_id)
            assert account is not None and account.engagement_rate is not None
            assert account.followers is not None
            assert account.engagement_rate > 2.5 * instagram_median_er(account.followers)
        for told in summary.with_story(Story.BOUGHT_FOLLOWERS):
            account = session.get(Account, told.account_id)
            assert account is not None and account.engagement_rate and account.followers
            benchmark = instagram_median_er(account.followers)
            if told.platform is Platform.TIKTOK:
                benchmark *= 1.5
            assert account.engagement_rate < 0.7 * benchmark
        now = datetime.combine(TODAY, datetime.min.time(), UTC)
        for told in summary.with_story(Story.IRREGULAR_CADENCE):
            measured = cadence(posts_of(session, told.account_id), now=now)
            assert measured.gap_cv is not None and measured.gap_cv > 1.0
        for told in summary.with_story(Story.UNDISCLOSED_SPONSORSHIP):
            assert disclosure_check(posts_of(session, told.account_id)).lacking
        told_ids = {s.account_id for s in summary.stories}
        quiet = [a.id for a in session.scalars(select(Account)) if a.id not in told_ids]
        alarms = [a for a in quiet if detect_follower_events(series(session, a)).events]
        assert len(alarms) <= len(quiet) // 10
        # Bought audiences and pods write generic, emoji-only and copied comments.
        suspicious = [
            *summary.with_story(Story.BOUGHT_FOLLOWERS),
            *summary.with_story(Story.ENGAGEMENT_POD),
        ]
        for told in suspicious:
            texts = comment_texts(session, told.account_id)
            assert len(texts) >= 10 and comment_authenticity(texts).suspicious_share > 0.45
        for account_id in quiet[:40]:
            texts = comment_texts(session, account_id)
            assert len(texts) >= 10 and comment_authenticity(texts).suspicious_share < 0.3


def test_it_leaves_an_existing_demo_alone_and_rebuilds_it_on_reset(influent: Influent) -> None:
    first = build(influent)
    again = build(influent)
    assert not again.created and again.workspace_id == first.workspace_id
    assert (again.creators, again.snapshots, again.posts) == (
        first.creators,
        first.snapshots,
        first.posts,
    )
    rebuilt = build(influent, reset=True)
    assert rebuilt.created and rebuilt.workspace_id != first.workspace_id
    assert (rebuilt.creators, rebuilt.snapshots, rebuilt.posts) == (
        first.creators,
        first.snapshots,
        first.posts,
    )
    assert [s.handle for s in rebuilt.stories] == [s.handle for s in first.stories]
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 1
        assert session.scalar(select(func.count()).select_from(Snapshot)) == rebuilt.snapshots


def test_it_refuses_to_touch_a_workspace_that_is_not_the_demo(
    influent: Influent, workspace_id: int
) -> None:
    # The team fixture's workspace is also called Maison Verte.
    with pytest.raises(DemoError, match=r"demo\.error\.not_the_demo"):
        build(influent, reset=True)


def test_it_matches_the_instagram_engagement_benchmarks() -> None:
    rng, rand = np.random.default_rng(1), random.Random(1)
    for low, high in ((1_000, 5_000), (5_000, 20_000), (20_000, 100_000), (100_000, 1_000_000)):
        rates = []
        for index in range(200):
            followers = int(np.exp(rng.uniform(np.log(low * 1.1), np.log(high * 0.9))))
            spec = AccountSpec(Platform.INSTAGRAM, "x", followers, NICHES[index % len(NICHES)])
            account = simulate_account(spec, days=40, start=TODAY, rng=rng, rand=rand)
            rate = engagement_rate(Platform.INSTAGRAM, account.posts, followers).value
            assert rate is not None
            rates.append(rate)
        expected = instagram_median_er(low)
        assert statistics.median(rates) == pytest.approx(expected, rel=0.15)


def test_it_builds_the_demo_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from influent.cli.main import cli
    from influent.settings import get_settings

    monkeypatch.setenv("INFLUENT_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["demo", "--creators", "5"])
        assert result.exit_code == 0, result.output
        assert "demo@influent.local / demo-influent" in result.output
        assert "http://127.0.0.1:8000" in result.output
        again = CliRunner().invoke(cli, ["demo", "--creators", "5"])
        assert again.exit_code == 0 and "already exists" in again.output
    finally:
        get_settings.cache_clear()


def test_demo_handles_agree_with_the_first_name() -> None:
    from influent.services.demo.data import MASCULINE_NAMES, MASCULINE_WORDS

    planned = plan_demo(creators=300, days=14, today=TODAY)
    feminine_words = tuple(MASCULINE_WORDS)
    masculine_words = tuple(MASCULINE_WORDS.values())
    men = [c for c in planned if c.name.split()[0] in MASCULINE_NAMES]
    women = [c for c in planned if c.name.split()[0] not in MASCULINE_NAMES]
    assert men and women

    def handles(creators: list[Any]) -> list[str]:
        return [a.spec.handle.lower() for c in creators for a in c.accounts]

    assert not [h for h in handles(men) if any(w in h for w in feminine_words)]
    assert not [h for h in handles(women) if "papa" in h]
    # The masculine words are used, so the niches still show in men's handles.
    assert [h for h in handles(men) if any(w in h for w in masculine_words)]


def test_the_demo_has_past_discoveries_to_show(influent: Influent) -> None:
    from influent.services.discovery import past_discoveries
    from influent.services.discovery.demo import DEMO_SEARCHES

    summary = build(influent)
    with influent.session() as session:
        past = past_discoveries(session, workspace_id=summary.workspace_id)
    assert past, "the discovery page would be empty"
    assert {p.query for p in past} <= {query for _, query, _ in DEMO_SEARCHES}
    assert [p.found_at for p in past] == sorted((p.found_at for p in past), reverse=True)
    for run in past:
        assert run.found and set(run.sources) <= {"youtube", "podcasts", "feeds"}
        assert [c.score for c in run.creators] == sorted(
            (c.score for c in run.creators), reverse=True
        )
    with influent.session() as session:
        rebuilt = build_demo(session, creators=30, days=DAYS, today=TODAY, reset=True)
        old = past_discoveries(session, workspace_id=summary.workspace_id)
        new = past_discoveries(session, workspace_id=rebuilt.workspace_id)
    # A reset wipes the old searches with the old workspace, and writes the same ones again.
    assert old == [] and [r.query for r in new] == [r.query for r in past]
