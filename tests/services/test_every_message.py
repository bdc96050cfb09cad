"""Every message the analysis can say, produced by the real functions, exists in both catalogs.

Each function runs on inputs that trigger each of its reasons; every code produced (nested
ones included) must be in the English and the French catalog with the same placeholders, and
every code of the analysis' catalog families must be produced by something.
"""

from __future__ import annotations

import dataclasses
import json
import string
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from influent.analytics.changepoints import detect_follower_events, explain_events
from influent.analytics.follower_audit import _reason, audit_followers
from influent.analytics.follower_features import FEATURES
from influent.domain.accounts import parse_account
from influent.domain.activity import FollowerEvent
from influent.domain.benchmarks import benchmark_for, percentile_in_tier
from influent.domain.content import PostData, SnapshotData
from influent.domain.handle_matching import Candidate, match_candidate
from influent.domain.messages import Message, MessageError
from influent.domain.metrics import (
    cadence,
    comments_to_likes,
    engagement_rate,
    engagement_trend,
    growth,
)
from influent.domain.platforms import Platform
from influent.domain.quality import QualityFacts, quality_score
from influent.domain.sponsorship import disclosure_check, sponsored_share
from influent.domain.values import (
    ValueProblem,
    parse_count,
    parse_email,
    parse_percent,
    parse_text,
)
from influent.services.i18n import LOCALE_DIR, Translator, catalog
from influent.services.vetting import audit_account
from influent.services.vetting.follower_sample import SampleError, audit_follower_sample
from influent.store.vetting_queries import AccountHistory, AccountInfo

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
# The catalog families the domain and the analytics speak through.
FAMILIES = (
    "engagement.",
    "trend.",
    "ctl.",
    "cadence.",
    "growth.",
    "benchmark.",
    "sponsorship.",
    "changepoints.",
    "event",
    "quality.",
    "follower.",
    "audience.error.",
)
PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}


def messages_in(value: Any) -> Iterator[Message]:
    """Every message inside a result: fields, tuples and the parameters of messages."""
    if isinstance(value, Message):
        yield value
        for param in value.params.values():
            yield from messages_in(param)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from messages_in(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from messages_in(item)


def post(days_ago: float, **counters: int) -> PostData:
    return PostData(f"p{days_ago}", NOW - timedelta(days=days_ago), **counters)  # type: ignore[arg-type]


def analysis_results(tmp_path: Path) -> list[object]:
    """The results of every analysis function, on inputs that reach each reason."""
    bare = [post(1)]
    liked = [post(d, likes=100 + d, comments=5) for d in range(1, 13)]
    silent = [post(d, likes=0, comments=0) for d in (60, 70)] + [post(d, likes=9) for d in (5, 9)]
    snaps = [
        SnapshotData(NOW - timedelta(days=40), "manual", followers=0),
        SnapshotData(NOW, "manual", followers=10),
    ]
    results: list[object] = []
    for platform in Platform:
        results += [
            engagement_rate(platform, [], None),
            engagement_rate(platform, [], 1_000),
            engagement_rate(platform, bare, 1_000),
            engagement_trend(platform, bare, 1_000, now=NOW),
            engagement_trend(platform, bare, None, now=NOW),
        ]
    results += [
        engagement_trend(Platform.INSTAGRAM, silent, 1_000, now=NOW),
        comments_to_likes(bare),
        comments_to_likes([post(1, likes=0, comments=2)]),
        cadence([], now=NOW),
        cadence([post(1), post(1), post(1)], now=NOW),
        growth([], now=NOW),
        growth(snaps, now=NOW),
        benchmark_for(Platform.INSTAGRAM, None),
        benchmark_for(Platform.YOUTUBE, 10_000),
        benchmark_for(Platform.INSTAGRAM, -5),
        percentile_in_tier(0.03, Platform.INSTAGRAM, 50_000),
        percentile_in_tier(0.03, Platform.INSTAGRAM, 300_000),  # a tier the filter splits
        sponsored_share([]),
        disclosure_check([]),
        detect_follower_events([]),
        detect_follower_events([(NOW.date(), 10)]),
    ]
    # Change points: one-day and several-day events, with none, one and several posts before.
    spike = FollowerEvent(date(2024, 3, 14), date(2024, 3, 14), 5_000, 0.048, 104_000)
    drop = FollowerEvent(date(2024, 3, 13), date(2024, 3, 15), -2_140, -0.014, 152_857)
    day = datetime(2024, 3, 12, 18, tzinfo=UTC)
    results += [
        explain_events([spike, drop], []),
        explain_events([drop], [PostData("a", day)]),
        explain_events([drop], [PostData("a", day), PostData("b", day - timedelta(days=1))]),
    ]
    # The quality score: everything present, nothing present, and every way a signal misses.
    er = engagement_rate(Platform.INSTAGRAM, liked, 10_000)
    low = engagement_rate(Platform.INSTAGRAM, [post(1, likes=1)], 1_000_000)
    high = engagement_rate(Platform.INSTAGRAM, [post(1, likes=900)], 1_000)
    comments = ("Nice!",) * 12
    full = QualityFacts(
        Platform.INSTAGRAM,
        10_000,
        following=300,
        engagement=er,
        follower_events=(drop,),
        comments_to_likes=0.03,
        comment_texts=comments,
        posting_gap_cv=0.4,
        fake_share=0.1,
    )
    results += [
        quality_score(full),
        quality_score(dataclasses.replace(full, engagement=low, followers=1_000_000)),
        quality_score(dataclasses.replace(full, engagement=high, followers=1_000)),
        quality_score(dataclasses.replace(full, fake_share=None, comment_texts=("ok",))),
        quality_score(dataclasses.replace(full, fake_share=None)),
        quality_score(dataclasses.replace(full, stated=frozenset({"engagement"}))),
        # Far above the tier: alone, and with comments per like outside the usual range.
        quality_score(
            dataclasses.replace(full, engagement=high, followers=1_000, comment_texts=None)
        ),
        quality_score(
            dataclasses.replace(
                full, engagement=high, followers=1_000, comment_texts=None, comments_to_likes=0.5
            )
        ),
        # An imported account: followers and engagement stated in a file, no posts.
        audit_account(
            AccountInfo(1, 1, "Léa", "instagram", "lea", None, 150_000, None, NOW, "import", 0.053),
            AccountHistory((), ()),
            now=NOW,
        ),
        quality_score(QualityFacts(Platform.INSTAGRAM, None)),
        quality_score(
            QualityFacts(Platform.YOUTUBE, 5, engagement=engagement_rate(Platform.YOUTUBE, [], 5))
        ),
        quality_score(
            QualityFacts(
                Platform.YOUTUBE,
                5,
                engagement=engagement_rate(Platform.YOUTUBE, [post(1, likes=3, views=9)], 5),
            )
        ),
    ]
    # The follower audit: every feature's reason both ways, the method, and its refusals.
    for feature in FEATURES:
        for value in (0.0, 1.0, 3.0):
            raw = {
                name: value
                for name in (
                    "posts",
                    "followers",
                    "following",
                    "has_profile_picture",
                    "is_private",
                    "username_digit_ratio",
                    "username_length",
                    "biography_length",
                    "has_external_url",
                    "full_name_words",
                    "full_name_digit_ratio",
                    "name_equals_username",
                )
            }
            results.append(_reason(feature, raw))
    results.append(audit_followers([{"followers": 10, "following": 900, "posts": 0}]))
    for rows in ([], [{"colour": "blue"}]):
        with pytest.raises(MessageError) as refused:
            audit_followers(rows)
        results.append(refused.value.message)
    for name, content in (
        ("empty.csv", b""),
        ("city.csv", b"city\nParis\n"),
        ("creators.csv", b"username,platform,followers,posts\nmarie,instagram,12000,40\n"),
        ("thin.csv", b"username,followers\nmarie,12\n"),
    ):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(SampleError) as unreadable:
            audit_follower_sample(path)
        results.append(unreadable.value.message)
    # Handles to confirm: every way a search of a name is decided.
    devs = Candidate("UC1", "Google Developers", "googledevelopers", "u", 2_260_000)
    for name, stated, candidates in (
        ("Google Developers", 2_300_000, []),
        ("Google Developers", 2_300_000, [devs]),
        ("Google Developers", 2_300_000, [devs, devs]),
        ("Google Developers", 9_000_000, [devs]),
        ("Google Developers", None, [devs]),
        ("Someone", 2_300_000, [devs]),
        ("Google Developers", 2_300_000, [Candidate("id1", "Google Developers", "id1", "u")]),
    ):
        results.append(match_candidate(name, stated, candidates).reason)
    return results


def row_problems() -> list[Message]:
    """The import's cell problems, from the parsers a spreadsheet row goes through."""
    attempts: list[Callable[[], object]] = [
        lambda: parse_count("beaucoup"),
        lambda: parse_count("12q"),
        lambda: parse_count("-5"),
        lambda: parse_count("1.5"),
        lambda: parse_count("9" * 14),
        lambda: parse_count("oui"),
        lambda: parse_percent("fort"),
        lambda: parse_percent("150 %"),
        lambda: parse_percent("non"),
        lambda: parse_email("marie@"),
        lambda: parse_text("x" * 3_000),
        lambda: parse_account("https://example.com/someone"),
        lambda: parse_account("https://www.youtube.com/watch?v=abc"),
        lambda: parse_account("@bad handle!", Platform.INSTAGRAM),
    ]
    found = []
    for attempt in attempts:
        try:
            attempt()
        except ValueProblem as problem:
            found.append(Message(f"problem.{problem.code}", problem.params))
    return found


def test_it_has_every_row_problem_the_parsers_raise_in_both_catalogs() -> None:
    problems = row_problems()
    assert len({m.code for m in problems}) >= 8
    for m in problems:
        english, french = entries(m.code, "en"), entries(m.code, "fr")
        assert english and french, m.code
        assert fields(english[0]) == fields(french[0]) <= set(m.params), m.code
        assert "{" not in Translator("fr").say(m)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def entries(code: str, locale: str) -> list[str]:
    """The catalog text of a code, or of each of its plural forms."""
    texts = catalog(locale)
    if code in texts:
        return [texts[code]]
    return [
        texts[k]
        for k in texts
        if k.rpartition(".")[0] == code and k.rpartition(".")[2] in PLURAL_FORMS
    ]


def test_it_has_every_message_the_analysis_says_in_both_catalogs(tmp_path: Path) -> None:
    produced = {m for result in analysis_results(tmp_path) for m in messages_in(result)}
    codes = {m.code for m in produced}
    assert len(codes) > 90
    for code in sorted(codes):
        english, french = entries(code, "en"), entries(code, "fr")
        assert english, f"{code} is not in the English catalog"
        assert len(french) == len(english), f"{code}: French lacks a form"
        for en_text, fr_text in zip(english, french, strict=True):
            assert fields(en_text) == fields(fr_text), code
    for m in produced:
        for locale in ("en", "fr"):
            text = Translator(locale).say(m)
            assert text and "{" not in text and m.code not in text, (m, text)
            expected = {p for entry in entries(m.code, locale) for p in fields(entry)}
            assert expected <= set(m.params), (m.code, expected - set(m.params))


def test_it_produces_every_message_of_the_analysis_catalog(tmp_path: Path) -> None:
    produced = {m.code for result in analysis_results(tmp_path) for m in messages_in(result)}
    english = json.loads((LOCALE_DIR / "analysis.en.json").read_text(encoding="utf-8"))
    written = {
        k.rpartition(".")[0] if k.rpartition(".")[2] in PLURAL_FORMS else k
        for k in english
        if k.startswith(FAMILIES)
    }
    assert not sorted(written - produced), "never produced: " + ", ".join(
        sorted(written - produced)
    )
