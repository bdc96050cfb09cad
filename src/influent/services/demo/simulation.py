"""One simulated demo account: a year of daily snapshots and posts, with an optional story.

Everything here is pure: the same generators give the same account.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache

import numpy as np
import numpy.typing as npt

from influent.domain.accounts import parse_account
from influent.domain.benchmarks import benchmarks
from influent.domain.content import PostData
from influent.domain.platforms import Platform, PostKind
from influent.services.demo import data as words

__all__ = [
    "ACCOUNT_SIGMA",
    "POSTS_PER_WEEK",
    "POST_SIGMA",
    "SOCIAL",
    "TIKTOK_FACTOR",
    "YOUTUBE_ER",
    "AccountSpec",
    "Ints",
    "PlannedAccount",
    "Story",
    "instagram_median_er",
    "lognormal",
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
SOCIAL = (Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE)


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


def lognormal(rng: np.random.Generator, median: float, sigma: float) -> float:
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
    url = _profile_url(platform, spec.handle)
    # A podcast is known by its address, so its key is the one an import of that address makes.
    ref = parse_account(url if platform is Platform.PODCAST else spec.handle, platform)
    assert ref is not None
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
        factor = lognormal(rng, 1.0, ACCOUNT_SIGMA)
    post_sigma = 0.1 if pod else POST_SIGMA
    comments_per_like = (
        rng.uniform(0.2, 0.3) if pod else lognormal(rng, _COMMENTS_PER_LIKE.get(platform, 0), 0.4)
    )
    view_ratio = lognormal(rng, 0.12 if platform is Platform.YOUTUBE else 0.35, 0.5)
    median, sigma, floor, ceiling = YOUTUBE_ER
    per_view = min(max(lognormal(rng, median, sigma), floor), ceiling)
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
        sponsored = platform in SOCIAL and special is None and rand.random() < 0.1
        if undisclosed and number % 9 == 0 and platform in SOCIAL:
            sponsored = True
        kind = _KINDS.get(platform, PostKind.REEL if rand.random() < 0.4 else PostKind.POST)
        title = words.title(rand, niche, platform, number) if platform not in SOCIAL[:2] else None
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
