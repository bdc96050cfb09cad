from __future__ import annotations

import itertools
import re
import statistics
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.services.creators import NotFound
from influent.services.i18n import Translator
from influent.services.vetting import (
    SampleError,
    audit_creator,
    audit_follower_sample,
    audit_to_dict,
    audit_workspace,
    history,
    history_to_dict,
)
from influent.store.models import Account, Creator, Post, Snapshot

english, french = Translator("en").say, Translator("fr").say

NOW = datetime(2024, 6, 30, 12, tzinfo=UTC)
DAYS = 120
SPIKE_DAY = 100  # index in the series; the post of day 99 comes just before it
FIRST_DAY = (NOW - timedelta(days=DAYS - 1)).date()


def follower_series(spike: int = 2_000) -> list[int]:
    """Steady growth of about 10 a day with a little deterministic noise, and one spike."""
    values, followers = [], 20_000
    for i in range(DAYS):
        if i:
            followers += 10 + (i * 37) % 13 - 6
        if i == SPIKE_DAY:
            followers += spike
        values.append(followers)
    return values


def post_rows() -> list[dict[str, object]]:
    """Twelve posts, one every ten days from day 9; day 99 is a giveaway just before the spike."""
    rows = []
    for k in range(12):
        day = 9 + 10 * k
        caption = f"Recette du jour {k}"
        if day == 99:
            caption = "Giveaway avec @marque #ad"
        elif day == 59:
            caption = "Collaboration commerciale avec @marque"
        rows.append(
            {
                "external_id": f"p{k}",
                "published_at": datetime.combine(
                    FIRST_DAY + timedelta(days=day), datetime.min.time(), UTC
                )
                + timedelta(hours=8),
                "caption": caption,
                "title": f"Post {k}",
                "url": f"https://www.instagram.com/p/p{k}/",
                "likes": 400 + 37 * k,
                "comments": 10 + 3 * k,
            }
        )
    return rows


def make_creator(
    session: Session,
    workspace_id: int,
    handle: str = "marie.cuisine",
    *,
    posts: bool = True,
    spike: int = 2_000,
) -> int:
    creator = Creator(
        workspace_id=workspace_id, name="Marie Cuisine", name_key="marie cuisine", custom_fields={}
    )
    session.add(creator)
    session.flush()
    account = Account(
        workspace_id=workspace_id,
        creator_id=creator.id,
        platform="instagram",
        handle=handle,
        handle_key=handle,
        url=f"https://www.instagram.com/{handle}/",
    )
    session.add(account)
    session.flush()
    account_id = account.id
    for i, followers in enumerate(follower_series(spike)):
        taken = datetime.combine(FIRST_DAY + timedelta(days=i), datetime.min.time(), UTC)
        session.add(
            Snapshot(
                account_id=account_id,
                taken_at=taken + timedelta(hours=6),
                followers=followers,
                following=500,
                source="test",
            )
        )
    if posts:
        for row in post_rows():
            session.add(Post(account_id=account_id, **row))
    session.flush()
    return creator.id


def test_it_measures_engagement_and_growth_exactly(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
    with influent.session() as session:
        audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id, now=NOW)
    series = follower_series()
    followers = series[-1]
    expected = statistics.median(
        (int(r["likes"]) + int(r["comments"])) / followers  # type: ignore[call-overload]
        for r in post_rows()
    )
    main = audit.main
    assert main is not None and main.followers == followers
    assert main.followers_from == "2024-06-30"
    assert main.engagement.value == pytest.approx(expected, rel=1e-12)
    assert main.engagement.posts_used == 12
    assert [(g.days, g.change) for g in main.growth] == [
        (7, followers - series[-8]),
        (30, followers - series[-31]),
        (90, followers - series[-91]),
    ]
    assert main.tier is not None and not hasattr(main.tier, "reason")
    assert main.averages.likes.median == statistics.median(400 + 37 * k for k in range(12))


def test_it_explains_an_injected_spike_by_the_post_before_it(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
    with influent.session() as session:
        audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id, now=NOW)
    assert audit.main is not None
    [explained] = audit.main.events
    assert explained.event.start == FIRST_DAY + timedelta(days=SPIKE_DAY)
    assert explained.event.is_spike and 2_000 <= explained.event.change < 2_020
    assert [p.external_id for p in explained.posts] == ["p9"]
    assert explained.posts[0].url == "https://www.instagram.com/p/p9/"
    assert "after the post of 10 June" in english(explained.sentence)


def test_it_checks_sponsored_posts_against_french_law(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
        audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id, now=NOW)
    assert audit.main is not None
    assert audit.main.sponsored.share == pytest.approx(2 / 12)
    assert [p.external_id for p in audit.main.disclosure.lacking] == ["p9"]


def test_it_scores_with_signals_and_lists_what_is_missing(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
        audit = audit_creator(
            session, workspace_id=workspace_id, creator_id=creator_id, now=NOW, locale="fr"
        )
    quality = audit.main.quality if audit.main else None
    assert quality is not None and quality.score is not None and 0 <= quality.score <= 100
    names = {s.name for s in quality.signals}
    assert names == {
        "engagement_vs_tier",
        "growth_anomalies",
        "comments_to_likes",
        "following_ratio",
        "posting_regularity",
    }
    assert {m.name for m in quality.missing} == {"fake_followers", "comment_authenticity"}
    data = audit_to_dict(audit)
    assert data["score"] == quality.score
    signal = data["main"]["quality"]["signals"][0]
    assert signal["sentence"] == french(quality.signals[0].sentence)
    assert {"value", "benchmark", "weight", "points"} <= signal.keys()


def test_it_uses_a_follower_sample_for_the_fake_share(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
        audit = audit_creator(
            session, workspace_id=workspace_id, creator_id=creator_id, now=NOW, fake_share=0.3
        )
    assert audit.main is not None
    fake = [s for s in audit.main.quality.signals if s.name == "fake_followers"]
    assert fake and fake[0].value == 0.3


def test_it_scores_provisionally_when_there_are_no_posts(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id, posts=False)
        audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id, now=NOW)
    assert audit.main is not None and audit.score is not None
    quality = audit.main.quality
    assert quality.provisional and quality.low is not None and quality.high is not None
    assert quality.low <= audit.score <= quality.high
    assert english(audit.main.engagement.reason) == "no posts to measure"
    missing = {m.name for m in quality.missing}
    assert {"engagement_vs_tier", "comments_to_likes", "posting_regularity"} <= missing
    assert f"{audit.score}/100, provisional: 2 of 7 signals" in english(quality.note)


def test_it_refuses_a_creator_of_another_workspace(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
        other = ensure_workspace(session, name="Other brand").id
    with influent.session() as session, pytest.raises(NotFound):
        audit_creator(session, workspace_id=other, creator_id=creator_id)
    with influent.session() as session, pytest.raises(NotFound):
        history(session, workspace_id=other, creator_id=creator_id)


def test_it_gives_the_daily_history_with_gains_and_weeks(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id)
        found = history(session, workspace_id=workspace_id, creator_id=creator_id, now=NOW)
    series = follower_series()
    assert [p.followers for p in found.points] == series
    assert found.points[0].gain is None
    assert [p.gain for p in found.points[1:]] == [b - a for a, b in itertools.pairwise(series)]
    assert len(found.events) == 1 and found.events[0].posts[0].external_id == "p9"
    weeks = found.weekly()
    assert weeks[-1].followers == series[-1]
    assert sum(w.gain for w in weeks) == series[-1] - series[0]
    assert all(w.week_start.weekday() == 0 for w in weeks)
    data = history_to_dict(found)
    assert data["points"][0] == {
        "day": FIRST_DAY.isoformat(),
        "followers": series[0],
        "gain": None,
        "measured": True,
    }


def test_it_fills_missing_days_and_marks_them(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        creator_id = make_creator(session, workspace_id, posts=False)
        session.execute(
            delete(Snapshot).where(
                Snapshot.taken_at.between(
                    NOW - timedelta(days=5, hours=12), NOW - timedelta(days=3, hours=12)
                )
            )
        )
        found = history(session, workspace_id=workspace_id, creator_id=creator_id, now=NOW)
    assert len(found.points) == DAYS
    filled = [p.day for p in found.points if not p.measured]
    assert filled == [date(2024, 6, 25), date(2024, 6, 26)]


def test_it_audits_a_whole_workspace_in_batches(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        ids = [make_creator(session, workspace_id, f"creator{i}") for i in range(3)]
        audits = list(audit_workspace(session, workspace_id=workspace_id, now=NOW))
    assert sorted(a.creator_id for a in audits) == sorted(ids)
    assert all(a.main and a.main.engagement.posts_used == 12 for a in audits)


def test_it_audits_a_messy_follower_sample(tmp_path: Path) -> None:
    path = tmp_path / "sample.csv"
    path.write_bytes(
        "Nom d’utilisateur;Abonnés;Abonnements;Publications;Photo de profil\n"
        "jean.dupont;1,2k;300;85;oui\n"
        "user84756392;3;7 500;0;non\n"
        "claire_b;lots;210;40;oui\n".encode("cp1252")
    )
    result = audit_follower_sample(path)
    assert [a.row for a in result.accounts] == [1, 2, 3]
    assert result.accounts[1].is_fake and not result.accounts[0].is_fake
    assert [(p.row, p.column) for p in result.problems] == [(3, "Abonnés")]
    assert 0 <= result.interval[0] <= result.fake_share <= result.interval[1] <= 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "sample.csv is empty."),
        (b"city,country\nParis,FR\nLyon,FR\n", "no row has a column the audit can read"),
        (b"username,followers\n", "the sample is empty"),
    ],
)
def test_it_refuses_a_sample_it_cannot_audit(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "sample.csv"
    path.write_bytes(content)
    with pytest.raises(SampleError) as refused:
        audit_follower_sample(path)
    assert re.search(message, english(refused.value.message))
