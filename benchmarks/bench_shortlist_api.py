"""The shortlist through the HTTP API over a million creators, beside exact float32 numpy.

A SQLite workspace of `--creators` creators is built once (kept in benchmarks/.data): each
has one account and one stored bio vector, a noisy mix of one or two real topic embeddings
(the shipped model) in French and English, with platform, followers (hence tier) and country
drawn with realistic skew. Six briefs, each about one topic.

Measured in the same run, over the same queries (a brief with a platform, one or two tiers
and a country):

- API: `GET /api/v1/briefs/{ref}/shortlist?platform=…&tier=…&country=…&limit=50` through the
  in-process ASGI client with a Bearer token: the creator index proposes the best-reading
  creators, which are scored exactly (fit with evidence, brand safety, engagement, reach,
  language, country, budget; quality when weighted) and ranked;
- baseline: an exact float32 numpy top 50 by cosine over the same filtered creators' vectors
  held in memory (the brief's query vector computed once, outside the timing).

The first query builds the index (timed apart). Weights: the default ones, and
`weight=quality=0` (no vetting audit of the pool), reported separately.

    python benchmarks/bench_shortlist_api.py [--creators 1000000] [--queries 100]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient
from sqlalchemy import func, select

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from influent.analytics.embeddings import TextEncoder, digest, normalise
from influent.domain.platforms import TIER_BOUNDS, Tier
from influent.services.accounts import default_workspace
from influent.services.accounts.users import create_token, create_user
from influent.services.brandfit import brief_from_toml, save_brief
from influent.services.brandfit._shortlist import _queries
from influent.services.core import Influent
from influent.services.vetting.quality_table import refresh_quality
from influent.settings import Settings
from influent.store.quality_models import CreatorQuality
from influent.web.app import create_app

DATA = Path(__file__).parent / ".data"
TOPICS = (
    "Routine skincare pour peau sensible, cosmétiques vegan",
    "Clean beauty and natural skincare for sensitive skin",
    "Recettes végétales faciles et cuisine de saison",
    "Plant-based recipes and meal prep",
    "Zéro déchet à la maison et vrac",
    "Marathon training, running shoes and recovery",
    "Yoga, méditation et bien-être",
    "Football : résumés de matchs et mercato",
    "Video games, speedruns and esports",
    "Voyage en van et road trips en Europe",
    "Personal finance, investing and budgeting",
    "Maquillage, tutoriels et nouveautés beauté",
    "Parenting tips and family life",
    "Mode éthique et seconde main",
    "Tech reviews: smartphones and laptops",
    "Jardinage urbain et plantes d'intérieur",
)
BRIEFS = (
    ("serum", "cosmétiques vegan pour peaux sensibles"),
    ("skincare", "natural skincare routine"),
    ("cuisine", "cuisine végétale"),
    ("running", "running and marathon"),
    ("zero-waste", "zero waste lifestyle"),
    ("games", "jeux vidéo"),
)
PLATFORMS = ("instagram", "youtube", "tiktok", "podcast", "blog", "twitch", "x")
PLATFORM_SHARE = (0.4, 0.2, 0.15, 0.1, 0.08, 0.05, 0.02)
COUNTRIES = ("FR", "BE", "US", "CA", "CH", "GB")
COUNTRY_SHARE = (0.6, 0.12, 0.1, 0.1, 0.05, 0.03)
TIERS = (Tier.NANO, Tier.MICRO, Tier.MID)


def _build(path: Path, n: int, seed: int = 7) -> None:
    settings = Settings(database_url=f"sqlite:///{path}", secret_key="b" * 40)
    app = Influent(settings)
    app.upgrade()
    with app.session() as session:
        workspace_id = default_workspace(session).id
    app.close()
    rng = np.random.default_rng(seed)
    centres = TextEncoder().encode(list(TOPICS))
    now = datetime.now(UTC).isoformat(sep=" ")
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    for start in range(0, n, 50_000):
        size = min(50_000, n - start)
        first = rng.integers(0, len(TOPICS), size)
        second = rng.integers(0, len(TOPICS), size)
        mix = rng.uniform(0.0, 0.5, size)[:, None]
        vectors = (1 - mix) * centres[first] + mix * centres[second]
        vectors += rng.normal(0, 0.035, vectors.shape).astype(np.float32)
        vectors = normalise(vectors.astype(np.float32)).astype("<f2")
        platforms = rng.choice(len(PLATFORMS), size, p=PLATFORM_SHARE)
        countries = rng.choice(len(COUNTRIES), size, p=COUNTRY_SHARE)
        followers = (10 ** rng.normal(4.2, 0.8, size)).astype(np.int64)
        rates = rng.uniform(0.005, 0.08, size)
        creators, accounts, texts = [], [], []
        for i in range(size):
            number = start + i + 1
            name = f"Creator {number}"
            platform = PLATFORMS[platforms[i]]
            bio = TOPICS[first[i]]
            creators.append(
                (
                    number,
                    workspace_id,
                    name,
                    name.lower(),
                    COUNTRIES[countries[i]],
                    "fr" if countries[i] < 2 else "en",
                    json.dumps({"bio": bio}),
                    platform,
                    f"creator{number}",
                    int(followers[i]),
                    float(rates[i]),
                    name.lower(),
                    now,
                    now,
                )
            )
            accounts.append(
                (
                    number,
                    workspace_id,
                    number,
                    platform,
                    f"creator{number}",
                    f"creator{number}",
                    int(followers[i]),
                    float(rates[i]),
                    now,
                )
            )
            texts.append(
                (
                    number,
                    workspace_id,
                    number,
                    "bio",
                    bio,
                    digest(bio),
                    TextEncoder.name,
                    vectors[i].tobytes(),
                    now,
                )
            )
        db.executemany(
            "INSERT INTO creators (id, workspace_id, name, name_key, country, language,"
            " custom_fields, platform, handle, followers, engagement_rate, search_text,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            creators,
        )
        db.executemany(
            "INSERT INTO accounts (id, workspace_id, creator_id, platform, handle, handle_key,"
            " followers, engagement_rate, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            accounts,
        )
        db.executemany(
            "INSERT INTO content_vectors (id, workspace_id, creator_id, source_key, text,"
            " digest, model, vector, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            texts,
        )
        db.commit()
        done = start + size
        print(f"  {done:>9,} creators written ({time.perf_counter() - started:.0f} s)", end="\r")
    db.close()
    print()


def _queries_plan(count: int, seed: int = 11) -> list[tuple[str, str, list[Tier], str]]:
    rng = np.random.default_rng(seed)
    plan = []
    for i in range(count):
        tiers = sorted({int(rng.integers(0, 3)), int(rng.integers(0, 3))})
        plan.append(
            (
                BRIEFS[i % len(BRIEFS)][0],
                PLATFORMS[int(rng.integers(0, 3))],
                [TIERS[t] for t in tiers],
                COUNTRIES[int(rng.integers(0, 3))],
            )
        )
    return plan


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--creators", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"shortlist-{args.creators}.db"
    if not path.exists():
        started = time.perf_counter()
        _build(path, args.creators)
        print(f"built {args.creators:,} creators in {time.perf_counter() - started:.0f} s")
    data_dir = DATA / f"shortlist-{args.creators}-data"
    settings = Settings(database_url=f"sqlite:///{path}", secret_key="b" * 40, data_dir=data_dir)
    influent = Influent(settings)
    influent.upgrade()  # a workspace built by an earlier version gets the newer tables
    encoder = TextEncoder()
    with influent.session() as session:
        workspace_id = default_workspace(session).id
        if session.scalar(select(func.count()).select_from(CreatorQuality)) == 0:
            # What the worker's nightly refresh does after a large import: every creator's
            # audience-quality score stored, so a query reads them instead of auditing.
            started = time.perf_counter()
            scored = refresh_quality(session, workspace_id=workspace_id)
            session.commit()
            print(f"scored {scored:,} creators in {time.perf_counter() - started:.0f} s")
        for slug, topic in BRIEFS:
            save_brief(
                session,
                workspace_id=workspace_id,
                data=brief_from_toml(f'name = "{slug}"\nkeywords = ["{topic}"]\n'),
            )
        user = create_user(
            session,
            email=f"bench-{time.time_ns()}@example.com",
            password="bench-password-long",
            workspace_id=workspace_id,
        )
        token = create_token(session, user_id=user.id, name="bench")
        briefs = {
            slug: _queries(brief_from_toml(f'name = "{slug}"\nkeywords = ["{t}"]\n'), encoder)
            for slug, t in BRIEFS
        }
    vectors_of = {
        slug: normalise(np.average(v, axis=0, weights=w)[None, :].astype(np.float32))[0]
        for slug, (v, w) in briefs.items()
    }
    client = TestClient(create_app(influent=influent))
    headers = {"Authorization": f"Bearer {token}"}
    plan = _queries_plan(args.queries)

    def ask(slug: str, platform: str, tiers: list[Tier], country: str, extra: str = "") -> float:
        tier_args = "".join(f"&tier={t.value}" for t in tiers)
        url = (
            f"/api/v1/briefs/{slug}/shortlist?platform={platform}{tier_args}"
            f"&country={country}&limit=50{extra}"
        )
        started = time.perf_counter()
        answer = client.get(url, headers=headers)
        elapsed = time.perf_counter() - started
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["results"]) == 50, answer.json()["considered"]
        return elapsed

    started = time.perf_counter()
    ask(*plan[0])
    first = time.perf_counter() - started
    # Alternated query by query, so neither weighting gets the pages the other read first.
    api: list[float] = []
    api_no_quality: list[float] = []
    for number, q in enumerate(plan):
        if number % 2:
            api_no_quality.append(ask(*q, extra="&weight=quality=0"))
            api.append(ask(*q))
        else:
            api.append(ask(*q))
            api_no_quality.append(ask(*q, extra="&weight=quality=0"))

    # Baseline: every creator's vector and filter codes in memory, exact top 50 per query.
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT c.platform, c.followers, c.country, v.vector FROM creators c"
        " JOIN content_vectors v ON v.creator_id = c.id ORDER BY c.id"
    )
    platform, followers, country, blobs = zip(*rows, strict=True)
    db.close()
    matrix = np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), -1)
    matrix = matrix.astype(np.float32)
    platform_a, country_a = np.asarray(platform), np.asarray(country)
    followers_a = np.asarray(followers)
    baseline = []
    for slug, plat, tiers, ctry in plan:
        started = time.perf_counter()
        in_tier = np.zeros(len(followers_a), dtype=bool)
        for tier in tiers:
            low, high = TIER_BOUNDS[tier]
            in_tier |= (followers_a >= low) & (followers_a < (high or 2**62))
        keep = np.flatnonzero((platform_a == plat) & (country_a == ctry) & in_tier)
        scores = matrix[keep] @ vectors_of[slug]
        best = np.argpartition(-scores, 49)[:50]
        best[np.argsort(-scores[best])]
        baseline.append(time.perf_counter() - started)

    print(f"load average (1 min) on {os.cpu_count()} cores: {os.getloadavg()[0]:.1f}")
    print(f"first query (builds the creator index): {first:.1f} s")
    for label, timings in (
        ("API, default weights", api),
        ("API, quality weight 0", api_no_quality),
        ("baseline: float32 exact", baseline),
    ):
        print(
            f"{label:<26} p50 {_p(timings, 50):7.1f} ms  p95 {_p(timings, 95):7.1f} ms"
            f"  over {len(timings)} queries"
        )
    print(f"ratio of p95, API (default) / baseline: {_p(api, 95) / _p(baseline, 95):.2f}")
    influent.close()


if __name__ == "__main__":
    main()
