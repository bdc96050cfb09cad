"""The creators table's filters, sorts and counts, on both backends and on every query plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from influent.domain.platforms import Platform
from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.services.imports.creator_import import import_creators
from influent.store import creator_queries

FIRST = ["Marie", "Chloé", "Hugo", "Léa", "Nathan", "Zoë"]
LAST = ["Durand", "Dupont", "Martin", "Lefèvre"]
PLATFORMS = ["instagram", "youtube", "tiktok"]


@pytest.fixture
def seeded(influent: Influent, workspace_id: int, tmp_path: Path) -> Influent:
    lines = ["Nom,Pseudo,Plateforme,Abonnés,Pays,Langue,Tags"]
    for i in range(72):
        first, last = FIRST[i % 6], LAST[(i // 6) % 4]
        tags = "shortlist" if i % 4 == 0 else ""
        country = "BE" if i % 3 == 0 else "FR"
        lines.append(
            f"{first} {last},@{last.lower()}{i},{PLATFORMS[i % 3]},{1000 + i * 37 % 71 * 100},"
            f"{country},fr,{tags}"
        )
    path = tmp_path / "creators.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=path)
    assert report.created == 72, report.problems[:3]
    return influent


QUERIES = [
    CreatorQuery(text="durand"),
    CreatorQuery(text="dur"),
    CreatorQuery(text="chloe dup"),
    CreatorQuery(text="lefevre"),
    CreatorQuery(text="durand49"),
    CreatorQuery(text="zoe", platform=Platform.YOUTUBE),
    CreatorQuery(text="marie", sort="name"),
    CreatorQuery(text="hugo", country="BE", tag="shortlist"),
    CreatorQuery(text="nobody"),
    CreatorQuery(tag="shortlist"),
    CreatorQuery(tag="shortlist", platform=Platform.TIKTOK, per_page=5, page=2),
    CreatorQuery(tag="no such tag"),
    CreatorQuery(platform=Platform.INSTAGRAM, sort="-engagement"),
    CreatorQuery(country="BE", language="fr", sort="name"),
]


def _page(influent: Influent, workspace_id: int, q: CreatorQuery) -> tuple[list[str], int]:
    with influent.session() as session:
        page = list_creators(session, workspace_id=workspace_id, query=q)
        return [c.handle or "" for c in page.items], page.total


def _expected(influent: Influent, workspace_id: int, q: CreatorQuery) -> list[str]:
    """The same query answered in Python from every creator, as a reference."""
    from influent.domain.rows import search_words

    with influent.session() as session:
        everyone = list_creators(
            session, workspace_id=workspace_id, query=CreatorQuery(sort=q.sort, per_page=500)
        ).items
        words = search_words(q.text or "")
        kept = []
        for c in everyone:
            have = c.search_text.split()
            if not all(any(h.startswith(w) for h in have) for w in words):
                continue
            if q.platform and not any(a.platform == q.platform.value for a in c.accounts):
                continue
            if q.tag and q.tag not in {t.name for t in c.tags}:
                continue
            if (q.country and c.country != q.country) or (q.language and c.language != q.language):
                continue
            kept.append(c.handle or "")
    start = (q.page - 1) * q.per_page
    return kept[start : start + q.per_page]


@pytest.mark.parametrize("q", QUERIES, ids=[repr(q)[12:70] for q in QUERIES])
def test_every_query_plan_gives_the_reference_answer(
    seeded: Influent, workspace_id: int, q: CreatorQuery, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _expected(seeded, workspace_id, q)
    # Few matches: start from the text index. Many: walk the sort order (forced here).
    assert _page(seeded, workspace_id, q)[0] == expected
    monkeypatch.setattr(creator_queries, "_MANY_MATCHES", 0)
    handles, total = _page(seeded, workspace_id, q)
    assert handles == expected
    # The count on a second connection and the count on the request's own one agree.
    monkeypatch.setattr(creator_queries, "_count_aside", lambda session, capped: None)
    assert _page(seeded, workspace_id, q) == (handles, total)


def test_text_search_splits_letters_from_digits(
    seeded: Influent, workspace_id: int, database_url: str
) -> None:
    handles, total = _page(seeded, workspace_id, CreatorQuery(text="durand2"))
    # 'durand2' means the words 'durand' and '2…': not only the handle 'durand2'.
    durands = [i for i in range(72) if (i // 6) % 4 == 0]
    if database_url.startswith("sqlite"):
        expected = sorted(f"durand{i}" for i in durands if str(i).startswith("2"))
        assert len(expected) == 7
    else:  # PostgreSQL's trigram search finds each word anywhere, so 'durand52' too
        expected = sorted(f"durand{i}" for i in durands if "2" in str(i))
        assert len(expected) == 8
    assert sorted(handles) == expected
    assert total == len(expected)


def test_the_count_runs_aside_on_sqlite_and_inline_when_the_counters_are_busy(
    seeded: Influent, workspace_id: int, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    q = CreatorQuery(tag="shortlist")
    real_submit = creator_queries._COUNTER.submit
    submitted: list[object] = []

    def recording_submit(fn: object, /) -> object:
        submitted.append(fn)
        return real_submit(fn)  # type: ignore[arg-type]

    monkeypatch.setattr(creator_queries._COUNTER, "submit", recording_submit)
    expected = _page(seeded, workspace_id, q)
    assert expected[1] == 18
    assert len(submitted) == (1 if database_url.startswith("sqlite") else 0)
    busy = threading.BoundedSemaphore(1)
    busy.acquire()
    monkeypatch.setattr(creator_queries, "_FREE_COUNTERS", busy)
    assert _page(seeded, workspace_id, q) == expected
    assert len(submitted) == (1 if database_url.startswith("sqlite") else 0)
