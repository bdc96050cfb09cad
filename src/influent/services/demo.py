"""The demo workspace: Maison Verte, a French vegan cosmetics brand, and a year of its creators.

`plan_demo` is pure: the same seed and date give the same creators, daily snapshots and
posts. A few creators are given a story the vetting should uncover (bought followers, a
drop after a post, an engagement pod, erratic posting, a giveaway, sponsored posts without
the legal mention); `DemoSummary.stories` says who. `build_demo` writes it all in bulk.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.accounts import parse_account
from influent.domain.benchmarks import benchmarks
from influent.domain.content import PostData
from influent.domain.metrics import engagement_rate
from influent.domain.platforms import Platform, PostKind
from influent.domain.roles import Role
from influent.domain.rows import search_text
from influent.domain.values import normalise_key
from influent.services import demo_data as words
from influent.services import users
from influent.services.progress import NO_PROGRESS, Progress
from influent.services.workspaces import ensure_workspace
from influent.store import creator_writes, demo_writes
from influent.store.models import Workspace

__all__ = [
    "DEMO_OWNER",
    "DEMO_PASSWORD",
    "DEMO_VIEWER",
    "DEMO_WORKSPACE",
    "AccountSpec",
    "DemoError",
    "DemoSummary",
    "PlannedAccount",
    "PlannedCreator",
    "Story",
    "StoryCreator",
    "build_demo",
    "instagram_median_er",
    "plan_demo",
    "simulate_account",
]

Ints = npt.NDArray[np.int64]

# Instagram median engagement, (likes + comments) / followers, by follower range: 6.45%
# for 1–5k, 3.76% for 5–20k, 2.63% for 20–100k, 2.57% for 100k–1M. Source: HypeAuditor's
# Instagram engagement study of ~37,000 accounts (State of Influencer Marketing), as kept in
# domain/data/engagement_benchmarks.csv and read from there.
# Around that median each account draws a log-normal factor, and each post another.
ACCOUNT_SIGMA = 0.45
POST_SIGMA = 0.35
# TikTok per-follower rates run above Instagram's; 1.5x is a demo assumption, not a figure.
TIKTOK_FACTOR = 1.5
# YouTube: (likes + comments) / views of about 3–6% per video.
YOUTUBE_ER = (0.045, 0.15, 0.03, 0.06)  # median, log sigma, floor, ceiling
POSTS_PER_WEEK = {
    Platform.INSTAGRAM: (2.0, 5.0),
    Platform.TIKTOK: (3.0, 7.0),
    Platform.YOUTUBE: (0.8, 1.2),
    Platform.BLOG: (1.0, 2.0),
    Platform.PODCAST: (1.0, 1.0),
}
_SOCIAL = (Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE)


class Story(StrEnum):
    BOUGHT_FOLLOWERS = "bought_followers"
    DROP_AFTER_POST = "drop_after_post"
    ENGAGEMENT_POD = "engagement_pod"
    IRREGULAR_CADENCE = "irregular_cadence"
    GIVEAWAY = "giveaway"
    UNDISCLOSED_SPONSORSHIP = "undisclosed_sponsorship"


@dataclass(frozen=True, slots=True)
class AccountSpec:
    """What to simulate: an account, its audience today, its niche and its story."""

    platform: Platform
    handle: str
    followers: int
    niche: words.Niche
    language: str = "fr"
    story: Story | None = None


@dataclass(slots=True)
class PlannedAccount:
    """A simulated account: one snapshot per day (index 0 is the oldest) and its posts."""

    spec: AccountSpec
    handle_key: str
    url: str
    followers: Ints
    following: Ints | None
    posts_count: Ints
    total_views: Ints | None
    posts: list[PostData] = field(default_factory=list)
    # The first day (index) whose snapshot shows the story's jump or drop, and its post.
    event_day: int | None = None
    event_post: str | None = None


@cache
def _instagram_medians() -> tuple[list[int], list[float]]:
    rows = sorted(
        (b.followers_min, b.median_er) for b in benchmarks() if b.platform is Platform.INSTAGRAM
    )
    return [low for low, _ in rows], [rate for _, rate in rows]


def instagram_median_er(followers: float) -> float:
    """The published Instagram median for an audience of this size."""
    lows, rates = _instagram_medians()
    return rates[max(bisect.bisect_right(lows, followers) - 1, 0)]


def _lognormal(rng: np.random.Generator, median: float, sigma: float) -> float:
    return float(median * math.exp(sigma * rng.standard_normal()))


def _schedule(
    rng: np.random.Generator, platform: Platform, days: int, irregular: bool
) -> list[float]:
    """Publication moments, in days since the first snapshot, up to the day before the last."""
    low, high = POSTS_PER_WEEK[platform]
    mean_gap = 7 / rng.uniform(low, high)
    moments: list[float] = []
    t = rng.uniform(0, mean_gap)
    while t < days - 1:
        if irregular:
            # Bursts of near-daily posts between weeks of silence.
            for _ in range(int(rng.integers(4, 10))):
                moments.append(t)
                t += rng.uniform(0.4, 1.5)
            t += rng.uniform(18, 40)
        else:
            moments.append(t)
            gap = (
                7.0
                if platform is Platform.PODCAST
                else mean_gap * math.exp(0.3 * rng.standard_normal())
            )
            t += gap
    # Keep the day, set a plausible hour (7:00–22:00 UTC).
    return [math.floor(m) + rng.uniform(7 / 24, 22 / 24) for m in moments if m < days - 1]


@dataclass(slots=True)
class _Events:
    """Per-day relative follower changes a story adds, and the share of real people in them."""

    change: npt.NDArray[np.float64]
    real_share: npt.NDArray[np.float64]
    first_day: int | None = None
    special_day: int | None = None
    special: str | None = None


def _story_events(rng: np.random.Generator, story: Story | None, days: int) -> _Events:
    events = _Events(np.zeros(days), np.ones(days))
    if story not in (Story.BOUGHT_FOLLOWERS, Story.DROP_AFTER_POST, Story.GIVEAWAY):
        return events
    start = int(rng.integers(max(3, int(days * 0.35)), max(4, min(int(days * 0.8), days - 6))))
    events.first_day = start
    if story is Story.BOUGHT_FOLLOWERS:
        # +15–40% within one or two days; none of these accounts ever likes a post.
        span, total = int(rng.integers(1, 3)), rng.uniform(0.15, 0.40)
        events.change[start : start + span] = (1 + total) ** (1 / span) - 1
        events.real_share[start : start + span] = 0.0
        return events
    events.special_day = start - 1
    if story is Story.DROP_AFTER_POST:
        # −2% to −8% over 2–4 days from the day after the post; at least 1.2% a day.
        span = int(rng.integers(2, 5))
        total = rng.uniform(max(0.02, 0.012 * span), 0.08)
        events.change[start : start + span] = (1 - total) ** (1 / span) - 1
        events.special = "controversial"
        return events
    # A giveaway brings real but lukewarm followers, and a slow ebb after the draw.
    span, total = int(rng.integers(2, 4)), rng.uniform(0.05, 0.12)
    events.change[start : start + span] = (1 + total) ** (1 / span) - 1
    events.real_share[start : start + span] = 0.35
    ebb = slice(start + span + 7, start + span + 67)
    events.change[ebb] = -0.10 * total / 60
    events.special = "giveaway"
    return events


def _audience_path(
    rng: np.random.Generator, target: int, days: int, events: _Events
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Followers per day and the real, engaging part of them, ending at `target`."""
    big = target >= 100_000
    growth = float(np.clip(rng.normal(0.08, 0.06) if big else rng.normal(0.12, 0.10), -0.04, 0.45))
    # Organic change: slow drift with a gentle seasonal swing plus bounded day-to-day noise.
    # Bounding the noise at 2.3 sigma keeps ordinary days under the detector's cut-off.
    wave = 1 + 0.15 * np.sin(
        2 * np.pi * np.arange(days) / days * rng.uniform(0.5, 1.5) + rng.uniform(0, 2 * np.pi)
    )
    noise = np.clip(rng.standard_normal(days), -2.3, 2.3)
    organic = (target * growth / 365 * wave + (0.0003 * target + 4) * noise).tolist()
    change, share = events.change.tolist(), events.real_share.tolist()
    start = target / (1 + growth * days / 365) / float(np.prod(1 + events.change))
    level, real = [start], [start]
    for day in range(1, days):
        jump = change[day] * level[-1]
        level.append(max(level[-1] + organic[day] + jump, 1.0))
        real.append(max(real[-1] + organic[day] + jump * share[day], 1.0))
    scale = target / level[-1]
    return np.array(level) * scale, np.array(real) * scale


def simulate_account(
    spec: AccountSpec, *, days: int, start: date, rng: np.random.Generator, rand: random.Random
) -> PlannedAccount:
    """A year (or `days`) of daily snapshots and posts for one account."""
    platform, story = spec.platform, spec.story
    ref = parse_account(spec.handle, platform)
    assert ref is not None
    url = _profile_url(platform, spec.handle)
    events = _story_events(rng, story, days)
    level, real = _audience_path(rng, spec.followers, days, events)
    moments = _schedule(rng, platform, days, story is Story.IRREGULAR_CADENCE)
    if events.first_day is not None:
        # A clean window around the event, so the post behind it stands alone.
        quiet = range(events.first_day - 4, events.first_day + 1)
        moments = [m for m in moments if math.floor(m) not in quiet]
    if events.special_day is not None:
        moments = sorted([*moments, events.special_day + rng.uniform(17 / 24, 21 / 24)])
    account = PlannedAccount(
        spec, ref.key, url, np.rint(level).astype(np.int64), None, np.zeros(days, np.int64), None
    )
    _write_posts(account, moments, level, real, events, start, rng, rand)
    days_of_posts = np.floor(np.array(moments, dtype=float)).astype(np.int64)
    already = int(np.mean(POSTS_PER_WEEK[platform]) * 52 * rng.uniform(0.5, 5))
    # The snapshot of day d (taken at midnight) counts the posts of the days before d.
    account.posts_count = already + np.searchsorted(days_of_posts, np.arange(days), "left")
    if platform in (Platform.INSTAGRAM, Platform.TIKTOK):
        steps = np.where(rng.random(days) < 0.3, rng.integers(-2, 5, days), 0)
        first = int(np.clip(rng.lognormal(math.log(600), 0.6), 50, 7_500))
        account.following = np.maximum(first + np.cumsum(steps), 0).astype(np.int64)
    if platform is Platform.YOUTUBE:
        per_day = level * rng.uniform(0.03, 0.15) * np.exp(0.25 * rng.standard_normal(days)) / 7
        base = spec.followers * rng.uniform(40, 150)
        account.total_views = np.rint(base + np.cumsum(per_day)).astype(np.int64)
    if events.first_day is not None:
        account.event_day = events.first_day
    return account


def _profile_url(platform: Platform, handle: str) -> str:
    return {
        Platform.INSTAGRAM: f"https://www.instagram.com/{handle}/",
        Platform.TIKTOK: f"https://www.tiktok.com/@{handle}",
        Platform.YOUTUBE: f"https://www.youtube.com/@{handle}",
        Platform.PODCAST: f"https://podcasts.apple.com/fr/podcast/{handle}",
    }.get(platform, f"https://{handle}")


_KINDS = {
    Platform.TIKTOK: PostKind.VIDEO,
    Platform.YOUTUBE: PostKind.VIDEO,
    Platform.BLOG: PostKind.ARTICLE,
    Platform.PODCAST: PostKind.EPISODE,
}
_COMMENTS_PER_LIKE = {Platform.INSTAGRAM: 0.025, Platform.TIKTOK: 0.012, Platform.YOUTUBE: 0.08}


def _write_posts(
    account: PlannedAccount,
    moments: list[float],
    level: npt.NDArray[np.float64],
    real: npt.NDArray[np.float64],
    events: _Events,
    start: date,
    rng: np.random.Generator,
    rand: random.Random,
) -> None:
    spec = account.spec
    platform, story, niche = spec.platform, spec.story, spec.niche
    pod = story is Story.ENGAGEMENT_POD
    if story is Story.BOUGHT_FOLLOWERS:
        # Their engagement was already thin before: the audience was never all real.
        factor = rng.uniform(0.35, 0.55)
    elif pod:
        factor = rng.uniform(3.0, 4.5)
    else:
        factor = _lognormal(rng, 1.0, ACCOUNT_SIGMA)
    post_sigma = 0.1 if pod else POST_SIGMA
    comments_per_like = (
        rng.uniform(0.2, 0.3) if pod else _lognormal(rng, _COMMENTS_PER_LIKE.get(platform, 0), 0.4)
    )
    view_ratio = _lognormal(rng, 0.12 if platform is Platform.YOUTUBE else 0.35, 0.5)
    median, sigma, floor, ceiling = YOUTUBE_ER
    per_view = min(max(_lognormal(rng, median, sigma), floor), ceiling)
    undisclosed = story is Story.UNDISCLOSED_SPONSORSHIP
    midnight = datetime.combine(start, time(0), UTC)
    used: set[str] = set()
    level_of, real_of = level.tolist(), real.tolist()
    draws = rng.standard_normal((len(moments), 3)).tolist()
    for number, (moment, (z_post, z_ratio, z_views)) in enumerate(
        zip(moments, draws, strict=True), start=1
    ):
        day = math.floor(moment)
        special = events.special if day == events.special_day else None
        sponsored = platform in _SOCIAL and special is None and rand.random() < 0.1
        if undisclosed and number % 9 == 0 and platform in _SOCIAL:
            sponsored = True
        kind = _KINDS.get(platform, PostKind.REEL if rand.random() < 0.4 else PostKind.POST)
        title = words.title(rand, niche, platform, number) if platform not in _SOCIAL[:2] else None
        if special == "controversial":
            text = rand.choice(words.CONTROVERSIAL)
        elif special == "giveaway":
            k = max(1, round(level_of[day] / 1000))
            text = rand.choice(words.GIVEAWAYS).format(k=k, handle=f"@{spec.handle}")
        elif sponsored:
            text = words.sponsored_caption(
                rand, niche, disclosed=not (undisclosed and rand.random() < 0.6)
            )
        else:
            text = words.caption(rand, niche, spec.language)
        external_id = words.post_id(rand, platform)
        while external_id in used:
            external_id = words.post_id(rand, platform)
        used.add(external_id)
        likes = comments = views = None
        followers, audience = level_of[day], real_of[day]
        noise = math.exp(post_sigma * z_post)
        if platform in (Platform.INSTAGRAM, Platform.TIKTOK):
            rate = instagram_median_er(audience) * factor
            rate *= TIKTOK_FACTOR if platform is Platform.TIKTOK else 1.0
            total = audience * rate * noise
            ratio = comments_per_like * math.exp(0.3 * z_ratio)
            likes, comments = total / (1 + ratio), total * ratio / (1 + ratio)
            if kind is not PostKind.POST:
                views = max(followers * view_ratio * math.exp(0.6 * z_views), 4 * total)
        elif platform is Platform.YOUTUBE:
            views = followers * view_ratio * math.exp(0.45 * z_views)
            if story is Story.BOUGHT_FOLLOWERS:
                views *= audience / followers
            total = views * per_view * math.exp(0.15 * z_ratio)
            share = comments_per_like / (1 + comments_per_like)
            likes, comments = total * (1 - share), total * share
        elif platform is Platform.BLOG:
            comments = float(rng.poisson(max(audience * 0.0008, 0.5)))
        if likes is not None and comments is not None:
            bump = {"controversial": (1.2, 6.0), "giveaway": (2.5, 25.0)}.get(special or "")
            if bump:
                likes, comments = likes * bump[0], comments * bump[1]
            elif sponsored:
                likes, comments = likes * 0.8, comments * 0.8
        post = PostData(
            external_id=external_id,
            published_at=midnight + timedelta(days=moment),
            kind=kind,
            title=title,
            caption=text,
            url=words.post_url(platform, spec.handle, account.url, external_id, kind),
            likes=None if likes is None else round(likes),
            comments=None if comments is None else round(comments),
            views=None if views is None else round(views),
        )
        account.posts.append(post)
        if special is not None:
            account.event_post = external_id


# ---------------------------------------------------------------------------------------
# The workspace: who the creators are, and writing them.

DEMO_WORKSPACE = "Maison Verte"
DEMO_OWNER = "demo@influent.local"
DEMO_VIEWER = "viewer@influent.local"
DEMO_PASSWORD = "demo-influent"
DEMO_SOURCE = "demo"
# Story creators per 300; smaller demos keep at least one of each.
STORY_COUNTS = {
    Story.BOUGHT_FOLLOWERS: 6,
    Story.DROP_AFTER_POST: 5,
    Story.ENGAGEMENT_POD: 3,
    Story.IRREGULAR_CADENCE: 4,
    Story.GIVEAWAY: 2,
    Story.UNDISCLOSED_SPONSORSHIP: 5,
}
_STORY_PLATFORMS = {
    Story.BOUGHT_FOLLOWERS: (Platform.INSTAGRAM, Platform.INSTAGRAM, Platform.TIKTOK),
    Story.DROP_AFTER_POST: (Platform.INSTAGRAM, Platform.YOUTUBE, Platform.TIKTOK),
    Story.ENGAGEMENT_POD: (Platform.INSTAGRAM,),
    Story.IRREGULAR_CADENCE: _SOCIAL,
    Story.GIVEAWAY: (Platform.INSTAGRAM,),
    Story.UNDISCLOSED_SPONSORSHIP: _SOCIAL,
}
PLATFORM_SHARES = {
    Platform.INSTAGRAM: 0.45,
    Platform.YOUTUBE: 0.20,
    Platform.TIKTOK: 0.20,
    Platform.BLOG: 0.08,
    Platform.PODCAST: 0.07,
}
_SECOND = {
    Platform.INSTAGRAM: (Platform.TIKTOK, Platform.TIKTOK, Platform.YOUTUBE, Platform.BLOG),
    Platform.YOUTUBE: (Platform.INSTAGRAM,),
    Platform.TIKTOK: (Platform.INSTAGRAM,),
    Platform.BLOG: (Platform.INSTAGRAM,),
    Platform.PODCAST: (Platform.INSTAGRAM,),
}


@dataclass(slots=True)
class PlannedCreator:
    name: str
    email: str | None
    agent: str | None
    country: str
    language: str
    category: str
    custom_fields: dict[str, str]
    tags: list[str]
    note: str | None
    added_days_ago: int
    accounts: list[PlannedAccount]
    story: Story | None = None

    @property
    def primary(self) -> PlannedAccount:
        return max(self.accounts, key=lambda a: int(a.followers[-1]))


def _audience(rng: np.random.Generator, platform: Platform, story: Story | None) -> int:
    """Followers today: a Pareto tail, so most creators are nano or micro and a few are huge."""
    if story in (Story.BOUGHT_FOLLOWERS, Story.DROP_AFTER_POST, Story.ENGAGEMENT_POD):
        # Big enough for the story to read clearly in the numbers.
        return int(np.clip(rng.lognormal(math.log(40_000), 1.0), 8_000, 450_000))
    floor, cap = (800, 150_000) if platform in (Platform.BLOG, Platform.PODCAST) else (1_500, 6e6)
    followers = floor * (1 - rng.random()) ** (-1 / 0.6)
    if followers > cap:
        followers = rng.uniform(cap / 4, cap)
    return int(followers)


def _stories(rand: random.Random, creators: int) -> dict[int, Story]:
    slots = [s for s, n in STORY_COUNTS.items() for _ in range(max(1, round(n * creators / 300)))]
    slots = slots[:creators]
    return dict(zip(rand.sample(range(creators), len(slots)), slots, strict=True))


def _weighted(rand: random.Random, options: dict[Platform, float]) -> Platform:
    return rand.choices(list(options), weights=list(options.values()))[0]


def plan_demo(
    *,
    creators: int = 300,
    days: int = 365,
    seed: int = 42,
    today: date,
    progress: Progress = NO_PROGRESS,
) -> list[PlannedCreator]:
    """The demo's creators with `days` daily snapshots ending on `today`; pure and seeded."""
    rand, rng = random.Random(seed), np.random.default_rng(seed)
    start = today - timedelta(days=days - 1)
    stories = _stories(rand, creators)
    taken: set[tuple[str, str]] = set()
    niches = {n: n.weight for n in words.NICHES}
    planned: list[PlannedCreator] = []
    for index in range(creators):
        story = stories.get(index)
        country, _, english = rand.choices(words.COUNTRIES, [c[1] for c in words.COUNTRIES])[0]
        language = "en" if rand.random() < english else "fr"
        first, last = words.person_name(rand, country)
        niche = rand.choices(list(niches), weights=list(niches.values()))[0]
        platform = (
            rand.choice(_STORY_PLATFORMS[story]) if story else _weighted(rand, PLATFORM_SHARES)
        )
        followers = _audience(rng, platform, story)
        handle = words.handle_for(rand, platform, first, last, niche, country, taken)
        specs = [AccountSpec(platform, handle, followers, niche, language, story)]
        if rand.random() < 0.2:
            second = rand.choice(_SECOND[platform])
            same = (
                platform in _SOCIAL and second in _SOCIAL and (second, handle.lower()) not in taken
            )
            if same:
                taken.add((second, handle.lower()))
            other = (
                handle
                if same
                else words.handle_for(rand, second, first, last, niche, country, taken)
            )
            audience = max(300, int(followers * min(_lognormal(rng, 0.3, 0.6), 0.9)))
            specs.append(AccountSpec(second, other, audience, niche, language))
        accounts = [simulate_account(s, days=days, start=start, rng=rng, rand=rand) for s in specs]
        email = words.email_for(rand, first, last, handle) if rand.random() < 0.6 else None
        agency = 0.8 if followers >= 100_000 else 0.3 if followers >= 30_000 else 0.0
        agent = rand.choice(words.AGENCIES) if rand.random() < agency else None
        tags = [niche.tags[0]] if rand.random() < 0.5 else []
        tags += rand.sample(words.TAGS, rand.choices((0, 1, 2), (0.5, 0.35, 0.15))[0])
        custom: dict[str, str] = {}
        if rand.random() < 0.7:
            custom["Source"] = rand.choice(words.SOURCES)
        if rand.random() < 0.45:
            budget = max(100, round(followers * 0.012 / 50) * 50)
            custom["Budget estimé"] = f"{budget:,} €".replace(",", " ")
        note = rand.choice(words.NOTES) if rand.random() < 0.08 else None
        planned.append(
            PlannedCreator(
                name=f"{first} {last}",
                email=email,
                agent=agent,
                country=country,
                language=language,
                category=niche.label,
                custom_fields=custom,
                tags=tags,
                note=note,
                added_days_ago=rand.randint(1, min(days, 180)),
                accounts=accounts,
                story=story,
            )
        )
        progress.advance()
    return planned


class DemoError(ValueError):
    """The demo cannot be built, said in one sentence."""


@dataclass(frozen=True, slots=True)
class StoryCreator:
    """A creator given a story, with the account and day where it shows."""

    story: Story
    creator_id: int
    account_id: int
    handle: str
    platform: Platform
    day: date | None = None
    post_external_id: str | None = None


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `build_demo` did (created=False: the demo was already there, nothing changed)."""

    workspace_id: int
    created: bool
    creators: int
    accounts: int
    snapshots: int
    posts: int
    tags: int
    notes: int
    owner_email: str = DEMO_OWNER
    viewer_email: str = DEMO_VIEWER
    password: str = DEMO_PASSWORD
    stories: tuple[StoryCreator, ...] = ()

    def with_story(self, story: Story) -> tuple[StoryCreator, ...]:
        return tuple(s for s in self.stories if s.story is story)


def build_demo(
    session: Session,
    *,
    creators: int = 300,
    days: int = 365,
    seed: int = 42,
    progress: Progress = NO_PROGRESS,
    reset: bool = False,
    today: date | None = None,
) -> DemoSummary:
    """Create the Maison Verte demo workspace and its logins; the caller commits.

    Without `reset`, an existing demo is left as it is. With it, the demo is wiped and
    built again. A workspace of that name that is not the demo is never touched.
    """
    if creators < 1 or days < 14:
        raise DemoError("the demo needs at least 1 creator and 14 days of history")
    found = session.scalar(select(Workspace).where(Workspace.name == DEMO_WORKSPACE))
    if found is not None:
        if not demo_writes.is_member(session, found.id, DEMO_OWNER):
            raise DemoError(
                f"a workspace called {DEMO_WORKSPACE} exists and is not the demo; "
                "it is left untouched"
            )
        if not reset:
            counts = demo_writes.workspace_counts(session, found.id)
            return DemoSummary(
                found.id,
                False,
                creators=counts["creators"],
                accounts=counts["accounts"],
                snapshots=counts["snapshots"],
                posts=counts["posts"],
                tags=counts["tags"],
                notes=counts["notes"],
            )
        progress.stage("Removing the previous demo", None)
        demo_writes.delete_workspace(session, found.id)
    demo_writes.delete_users(session, (DEMO_OWNER, DEMO_VIEWER))
    now = datetime.now(UTC)
    today = today or now.date()
    progress.stage("Simulating creators", creators)
    planned = plan_demo(creators=creators, days=days, seed=seed, today=today, progress=progress)
    workspace = ensure_workspace(
        session, name=DEMO_WORKSPACE, currency="EUR", link_domains=["maisonverte.fr"]
    )
    owner = users.create_user(
        session,
        email=DEMO_OWNER,
        password=DEMO_PASSWORD,
        workspace_id=workspace.id,
        role=Role.OWNER,
        name="Camille Durand",
        locale="fr",
    )
    users.create_user(
        session,
        email=DEMO_VIEWER,
        password=DEMO_PASSWORD,
        workspace_id=workspace.id,
        role=Role.VIEWER,
        name="Hugo Lambert",
        locale="fr",
    )
    return _write(session, workspace.id, owner.id, planned, today, now, progress)


def _write(
    session: Session,
    workspace_id: int,
    owner_id: int,
    planned: list[PlannedCreator],
    today: date,
    now: datetime,
    progress: Progress,
) -> DemoSummary:
    accounts = [a for c in planned for a in c.accounts]
    days = len(accounts[0].followers)
    start = today - timedelta(days=days - 1)
    stamps = [datetime.combine(start + timedelta(days=i), time(0), UTC) for i in range(days)]
    rates = [
        engagement_rate(a.spec.platform, a.posts, int(a.followers[-1])).value for a in accounts
    ]
    rate_of = {id(a): rate for a, rate in zip(accounts, rates, strict=True)}
    progress.stage("Writing creators", len(planned) + len(accounts))
    creator_rows = []
    for c in planned:
        # The creator row carries its largest account, as refresh_primary_accounts would
        # copy it; the accounts are known here, so no second pass is needed.
        main = c.primary
        creator_rows.append(
            {
                "workspace_id": workspace_id,
                "name": c.name,
                "name_key": normalise_key(c.name),
                "email": c.email,
                "agent": c.agent,
                "country": c.country,
                "language": c.language,
                "category": c.category,
                "notes": None,
                "custom_fields": c.custom_fields,
                "platform": main.spec.platform.value,
                "handle": main.spec.handle,
                "followers": int(main.followers[-1]),
                "engagement_rate": rate_of[id(main)],
                "search_text": search_text(c.name, main.spec.handle, c.email, c.category),
                "created_at": now - timedelta(days=c.added_days_ago),
                "updated_at": now,
            }
        )
    creator_ids = creator_writes.insert_creators(session, creator_rows, progress.advance)
    account_ids = creator_writes.reserve_ids(session, "accounts", len(accounts))
    owners = [cid for c, cid in zip(planned, creator_ids, strict=True) for _ in c.accounts]
    added = {
        cid: now - timedelta(days=c.added_days_ago)
        for cid, c in zip(creator_ids, planned, strict=True)
    }
    creator_writes.insert_accounts(
        session,
        [
            _account_row(a, aid, cid, workspace_id, rate, stamps[-1], added[cid])
            for a, aid, cid, rate in zip(accounts, account_ids, owners, rates, strict=True)
        ],
        progress.advance,
    )
    progress.stage("Writing daily snapshots", len(accounts) * days)
    snapshots = demo_writes.insert_snapshots(
        session, _snapshot_rows(accounts, account_ids, stamps), progress.advance
    )
    progress.stage("Writing posts", sum(len(a.posts) for a in accounts))
    posts = demo_writes.insert_posts(
        session, _post_rows(accounts, account_ids, now), progress.advance
    )
    progress.stage("Tags, notes and the creators table", len(planned))
    pairs = [(cid, t) for c, cid in zip(planned, creator_ids, strict=True) for t in c.tags]
    tags = demo_writes.insert_tags(session, workspace_id, pairs)
    notes = demo_writes.insert_notes(
        session,
        [
            {
                "creator_id": cid,
                "author_id": owner_id,
                "body": c.note,
                "created_at": now - timedelta(days=c.added_days_ago / 2),
            }
            for c, cid in zip(planned, creator_ids, strict=True)
            if c.note
        ],
    )
    progress.advance(len(planned))
    first_account = dict(zip(owners[::-1], account_ids[::-1], strict=True))
    stories = tuple(
        StoryCreator(
            story=c.story,
            creator_id=cid,
            account_id=first_account[cid],
            handle=c.accounts[0].spec.handle,
            platform=c.accounts[0].spec.platform,
            day=None if c.accounts[0].event_day is None else stamps[c.accounts[0].event_day].date(),
            post_external_id=c.accounts[0].event_post,
        )
        for c, cid in zip(planned, creator_ids, strict=True)
        if c.story is not None
    )
    return DemoSummary(
        workspace_id,
        True,
        creators=len(planned),
        accounts=len(accounts),
        snapshots=snapshots,
        posts=posts,
        tags=tags,
        notes=notes,
        stories=stories,
    )


def _account_row(
    account: PlannedAccount,
    account_id: int,
    creator_id: int,
    workspace_id: int,
    rate: float | None,
    last: datetime,
    created: datetime,
) -> dict[str, Any]:
    spec = account.spec

    def latest(series: Ints | None) -> int | None:
        return None if series is None else int(series[-1])

    return {
        "id": account_id,
        "workspace_id": workspace_id,
        "creator_id": creator_id,
        "platform": spec.platform.value,
        "handle": spec.handle,
        "handle_key": account.handle_key,
        "url": account.url,
        "external_id": None,
        "followers": latest(account.followers),
        "following": latest(account.following),
        "posts_count": latest(account.posts_count),
        "total_views": latest(account.total_views),
        "engagement_rate": rate,
        "stats_source": DEMO_SOURCE,
        "stats_updated_at": last,
        "created_at": created,
    }


def _snapshot_rows(
    accounts: list[PlannedAccount], account_ids: list[int], stamps: list[datetime]
) -> Iterator[dict[str, Any]]:
    for account, account_id in zip(accounts, account_ids, strict=True):
        none = [None] * len(stamps)
        following = none if account.following is None else account.following.tolist()
        views = none if account.total_views is None else account.total_views.tolist()
        for taken_at, followers, follows, count, total in zip(
            stamps,
            account.followers.tolist(),
            following,
            account.posts_count.tolist(),
            views,
            strict=True,
        ):
            yield {
                "account_id": account_id,
                "taken_at": taken_at,
                "followers": followers,
                "following": follows,
                "posts_count": count,
                "total_views": total,
                "source": DEMO_SOURCE,
            }


def _post_rows(
    accounts: list[PlannedAccount], account_ids: list[int], now: datetime
) -> Iterator[dict[str, Any]]:
    for account, account_id in zip(accounts, account_ids, strict=True):
        for post in account.posts:
            yield {
                "account_id": account_id,
                "external_id": post.external_id,
                "kind": post.kind.value,
                "title": post.title,
                "caption": post.caption,
                "url": post.url,
                "published_at": post.published_at,
                "likes": post.likes,
                "comments": post.comments,
                "views": post.views,
                "shares": None,
                "source": DEMO_SOURCE,
                "fetched_at": now,
            }
