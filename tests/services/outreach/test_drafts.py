"""First-message drafts in French and English from fixture creators."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from influent.domain.drafts import MAX_WORDS, draft_warnings
from influent.services import outreach
from influent.services.core import Influent
from influent.store.models import Account, Creator, Post
from influent_testing import Team

from .conftest import new_campaign, new_creator

FIRST_NAMES = ["Léa", "Tom", "Inès", "Hugo", "Chloé", "Nina", "Jules", "Sarah", "Malo", "Zoé"]
TOPICS = ["Cuisine", "Yoga", "Voyage", "Mode", "Jardinage"]


def _creators(influent: Influent, ws: int, count: int, language: str) -> list[int]:
    ids = []
    start = datetime(2026, 9, 1, tzinfo=UTC)
    for i in range(count):
        name = f"{FIRST_NAMES[i % 10]} {chr(65 + i % 26)}."
        creator = new_creator(
            influent, ws, f"creator{i}", name=name, language=language, category=TOPICS[i % 5]
        )
        with influent.session() as session:
            account_id = session.scalar(
                Account.__table__.select()
                .with_only_columns(Account.id)
                .where(Account.creator_id == creator)
            )
            for k in range(2):
                session.add(
                    Post(
                        account_id=account_id,
                        external_id=f"p{k}",
                        published_at=start + timedelta(days=k + i),
                        title=f"Recette d’automne {i}" if k else f"Un ancien post {i}",
                        caption=None,
                    )
                )
        ids.append(creator)
    return ids


def _draft(
    influent: Influent, ws: int, campaign: int, creator: int, **kwargs: str
) -> outreach.Draft:
    with influent.session() as session:
        return outreach.draft_message(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            creator_id=creator,
            sender_name="Camille Martin",
            **kwargs,
        )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_fifty_drafts_are_short_personal_and_never_identical(
    influent: Influent, team: Team, language: str
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    creators = _creators(influent, ws, 50, "français" if language == "fr" else "English")
    drafts = [_draft(influent, ws, campaign, c) for c in creators]
    assert {d.language for d in drafts} == {language}
    assert len({d.body for d in drafts}) == 50
    # Not just the names: the sentences themselves vary from one creator to the next.
    openings = {re.sub(r"\d+", "N", d.body.split("\n\n")[1]) for d in drafts}
    assert len(openings) >= 5
    for i, draft in enumerate(drafts):
        assert draft.words < MAX_WORDS, draft.body
        assert draft.warnings == []
        # The latest piece of content, by its title (not the older one).
        assert f"Recette d’automne {i}" in draft.body
        assert draft.latest == f"Recette d’automne {i}"
        assert "Maison Verte" in draft.body  # the brand
        assert "?" in draft.body  # an open question
        assert draft.subject
    if language == "fr":
        assert all("\u202f?" in d.body for d in drafts)


def test_the_language_can_be_forced(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    [creator] = _creators(influent, ws, 1, "fr")
    assert _draft(influent, ws, campaign, creator, language="en").language == "en"
    with pytest.raises(outreach.OutreachError):
        _draft(influent, ws, campaign, creator, language="de")


def test_a_creator_without_posts_still_gets_a_personal_draft(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    creator = new_creator(influent, ws, "sans.posts", name="Paul Durand", country="France")
    draft = _draft(influent, ws, campaign, creator)
    assert draft.language == "fr" and draft.latest is None
    assert "Paul" in draft.body and draft.words < MAX_WORDS


def test_the_workspace_template_is_used_with_the_creators_fields(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    creator = new_creator(influent, ws, "lea", name="Léa Roux", language="en")
    with influent.session() as session:
        found = session.get(Creator, creator)
        assert found is not None
        found.custom_fields = {"city": "Lyon"}
    with influent.session() as session:
        outreach.save_template(
            session,
            workspace_id=ws,
            language="en",
            body="Subject: Hello {{ creator.first_name }}\n\nHi {{ creator.first_name }} from {{ creator.fields.city }}, what do you think?",
        )
    draft = _draft(influent, ws, campaign, creator)
    assert draft.subject == "Hello Léa"
    assert draft.body == "Hi Léa from Lyon, what do you think?"


def test_the_template_sandbox_refuses_to_reach_python(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    with pytest.raises(outreach.OutreachError) as caught, influent.session() as session:
        outreach.save_template(
            session,
            workspace_id=ws,
            language="en",
            body="{{ pick.__globals__['__builtins__'] }}",
        )
    assert caught.value.code == "outreach.error.template"
    with pytest.raises(outreach.OutreachError), influent.session() as session:
        outreach.save_template(session, workspace_id=ws, language="en", body="{% if %}")


def test_a_longer_or_pushier_edit_gets_warnings() -> None:
    long_body = " ".join(["mot"] * 130)
    codes = [m.code for m in draft_warnings("Hello", long_body)]
    assert codes == ["outreach.draft.too_long"]
    codes = [
        m.code
        for m in draft_warnings("URGENT OFFER", "Our rate card is attached: 500 € per post!!!")
    ]
    assert codes == ["outreach.draft.price", "outreach.draft.attachment", "outreach.draft.tone"]
    assert (
        draft_warnings("Votre vidéo", "Bonjour Léa, une question : comment travaillez-vous ?") == []
    )
