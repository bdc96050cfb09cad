"""Charts are kept under a key of what they show; the creator page reads its data once."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from influent.services import vetting
from influent.services.core import Influent
from influent.services.vetting import chart_cache
from influent_testing import seed_vetted_creator


def test_it_gives_the_page_the_same_history_as_the_history_service(
    influent: Influent, workspace_id: int
) -> None:
    creator_id = seed_vetted_creator(influent, workspace_id)
    now = datetime.now(UTC)
    with influent.session() as session:
        audit, found = vetting.audit_creator_with_history(
            session, workspace_id=workspace_id, creator_id=creator_id, now=now, locale="fr"
        )
        alone = vetting.history(
            session, workspace_id=workspace_id, creator_id=creator_id, now=now, locale="fr"
        )
        assert audit == vetting.audit_creator(
            session, workspace_id=workspace_id, creator_id=creator_id, now=now, locale="fr"
        )
    assert found == alone
    assert vetting.history_chart_key(found) == vetting.history_chart_key(alone)


def test_it_changes_the_key_with_the_language_and_the_data(
    influent: Influent, workspace_id: int
) -> None:
    first = seed_vetted_creator(influent, workspace_id)
    other = seed_vetted_creator(influent, workspace_id, "leo.velo")
    with influent.session() as session:
        keys = {
            vetting.history_chart_key(
                vetting.history(session, workspace_id=workspace_id, creator_id=c, locale=lang)
            )
            for c in (first, other)
            for lang in ("en", "fr")
        }
    assert len(keys) == 4


def test_it_draws_once_and_reads_the_kept_chart_after(tmp_path: Path) -> None:
    drawn: list[int] = []

    def draw() -> bytes:
        drawn.append(1)
        return b"picture"

    key = "a" * 32
    assert chart_cache.cached_chart(tmp_path, key, draw) == b"picture"
    assert chart_cache.cached_chart(tmp_path, key, draw) == b"picture"
    assert drawn == [1]
    assert chart_cache.kept_chart(tmp_path, key) == b"picture"
    assert list(tmp_path.iterdir()) == [tmp_path / f"{key}.png"]


def test_it_reads_no_file_for_what_is_not_a_key(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"secret")
    for asked in ("secret", "../secret", "A" * 32, "a" * 31):
        assert chart_cache.kept_chart(tmp_path, asked) is None


def test_it_keeps_only_the_newest_charts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_cache, "CHART_FILES_KEPT", 3)
    for n in range(5):
        key = f"{n:032x}"
        chart_cache.cached_chart(tmp_path, key, lambda: b"x")
        # Distinct ages, oldest first, whatever the clock's resolution.
        (tmp_path / f"{key}.png").touch()
        stamp = 1_000_000 + n
        os.utime(tmp_path / f"{key}.png", (stamp, stamp))
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n:032x}.png" for n in (2, 3, 4)]
