"""The demo's cast: who the creators are, where they post and which of them carry a story."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from influent.domain.platforms import Platform
from influent.services.demo import data as words
from influent.services.demo.simulation import (
    SOCIAL,
    AccountSpec,
    PlannedAccount,
    Story,
    lognormal,
    simulate_account,
)
from influent.services.progress import NO_PROGRESS, Progress

__all__ = ["PLATFORM_SHARES", "STORY_COUNTS", "PlannedCreator", "plan_demo"]

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
    Story.IRREGULAR_CADENCE: SOCIAL,
    Story.GIVEAWAY: (Platform.INSTAGRAM,),
    Story.UNDISCLOSED_SPONSORSHIP: SOCIAL,
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
            same = platform in SOCIAL and second in SOCIAL and (second, handle.lower()) not in taken
            if same:
                taken.add((second, handle.lower()))
            other = (
                handle
                if same
                else words.handle_for(rand, second, first, last, niche, country, taken)
            )
            audience = max(300, int(followers * min(lognormal(rng, 0.3, 0.6), 0.9)))
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
