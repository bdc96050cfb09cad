"""Follower audits kept with a creator: dated, used by vetting, and refused when not a sample."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from influent.services.core import Influent
from influent.services.creators import NotFound
from influent.services.i18n import Translator
from influent.services.vetting import (
    SampleError,
    attach_follower_audit,
    audit_creator,
    audit_follower_sample,
    audit_workspace,
    latest_follower_audit,
)
from influent_testing import seed_vetted_creator

SAMPLE = (
    "username,followers,following,posts,has_profile_picture\n"
    "jean.dupont,120,300,85,yes\n"
    "user84756392,3,7500,0,no\n"
    "claire_b,240,180,40,yes\n"
)


def sample(tmp_path: Path, text: str = SAMPLE, name: str = "sample.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_names_each_follower_by_username(tmp_path: Path) -> None:
    result = audit_follower_sample(sample(tmp_path))
    assert [a.username for a in result.accounts] == ["jean.dupont", "user84756392", "claire_b"]
    no_names = audit_follower_sample(sample(tmp_path, "followers,following\n10,4000\n50,20\n"))
    assert [a.username for a in no_names.accounts] == [None, None]


def test_it_keeps_the_audit_with_the_creator_and_vetting_uses_it(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    creator_id = seed_vetted_creator(influent, workspace_id)
    with influent.session() as session:
        before = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id)
    assert before.main is not None
    assert "fake_followers" in {m.name for m in before.main.quality.missing}
    result = audit_follower_sample(sample(tmp_path))
    moment = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    with influent.session() as session:
        stored = attach_follower_audit(
            session,
            workspace_id=workspace_id,
            creator="@marie.cuisine",
            result=result,
            file_name="sample.csv",
            now=moment,
        )
    assert (stored.creator_id, stored.sample_size, stored.audited_at) == (creator_id, 3, moment)
    with influent.session() as session:
        latest = latest_follower_audit(session, workspace_id=workspace_id, creator_id=creator_id)
        after = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id)
        everyone = list(audit_workspace(session, workspace_id=workspace_id))
    assert latest is not None and latest.fake_share == pytest.approx(result.fake_share)
    assert after.follower_audit == latest and after.fake_share == pytest.approx(result.fake_share)
    assert after.main is not None
    signals = {s.name: s for s in after.main.quality.signals}
    assert signals["fake_followers"].value == pytest.approx(result.fake_share)
    assert "fake_followers" not in {m.name for m in after.main.quality.missing}
    assert everyone[0].fake_share == pytest.approx(result.fake_share)


def test_it_refuses_to_attach_to_an_unknown_creator(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    result = audit_follower_sample(sample(tmp_path))
    with influent.session() as session, pytest.raises(NotFound):
        attach_follower_audit(
            session,
            workspace_id=workspace_id,
            creator="@nobody",
            result=result,
            file_name="sample.csv",
        )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A creators list: a platform column.
        (
            "name,handle,platform,followers,posts\nMarie,@marie,instagram,12000,40\n",
            "audience.error.creators_list",
        ),
        # A creators list without a platform column: followers in the thousands for most rows.
        (
            "username,followers,following\nmarie,15000,300\npaul,240000,120\nzoe,80,90\n",
            "audience.error.creators_list",
        ),
        # A username and one profile column say too little.
        ("username,followers\nmarie,12\npaul,40\n", "audience.error.too_few_columns"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_follower_sample(
    tmp_path: Path, text: str, code: str
) -> None:
    with pytest.raises(SampleError) as refused:
        audit_follower_sample(sample(tmp_path, text, "list.csv"))
    assert refused.value.code == code
    for locale in ("en", "fr"):
        sentence = Translator(locale).say(refused.value.message)
        assert sentence.startswith("list.csv") and "{" not in sentence
