"""Deals: proposing, negotiating, the status machine, and refusals that write nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from deals_testing import make_campaign, make_creator
from influent.domain.messages import MessageError
from influent.services.core import Influent
from influent.services.deals import (
    CodeIn,
    DealError,
    DeliverableIn,
    change_status,
    create_deal,
    deal_view,
    get_deal,
    proposal_text,
    record_offer,
)
from influent.services.i18n import Translator
from influent.store.deal_models import Deal, PromoCode


def _propose(influent: Influent, workspace_id: int, **extra: object) -> int:
    campaign_id = make_campaign(influent, workspace_id)
    creator_id = make_creator(influent, workspace_id, "Léna Dupont", "lena.beaute", 150_000, 0.05)
    with influent.session() as session:
        deal = create_deal(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            deliverables=[DeliverableIn("story", 3)],
            fee="1 200 €",
            **extra,  # type: ignore[arg-type]
        )
        return deal.id


def test_it_proposes_a_deal_priced_against_the_fair_range(
    influent: Influent, workspace_id: int
) -> None:
    deal_id = _propose(influent, workspace_id, code=CodeIn(percent=15))
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
    assert view.status == "proposed"
    assert view.fee == 1200.0 and view.currency == "EUR"
    assert view.deliverables[0].format == "story" and view.deliverables[0].quantity == 3
    assert view.estimate_point is not None
    # Three stories from a 150k / 5 % account: about three times EUR 1,000.
    assert 2_100 <= view.estimate_point <= 3_900
    assert view.position == "below"
    assert view.code is not None and view.code.code == "LENA15"
    assert view.code.ends_on is not None and view.code.ends_on.isoformat() == "2027-03-31"
    assert view.landing_url == "https://maison-verte.example/serum"
    assert [(e.kind, e.to_status, e.party) for e in view.events] == [
        ("status", "proposed", None),
        ("offer", None, "brand"),
    ]


def test_it_walks_the_status_machine_and_keeps_the_history(
    influent: Influent, workspace_id: int
) -> None:
    deal_id = _propose(influent, workspace_id)
    for status in ("accepted", "live", "delivered", "paid"):
        with influent.session() as session:
            change_status(session, workspace_id=workspace_id, deal_id=deal_id, status=status)
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
    history = [(e.from_status, e.to_status) for e in view.events if e.kind == "status"]
    assert history == [
        (None, "proposed"),
        ("proposed", "accepted"),
        ("accepted", "live"),
        ("live", "delivered"),
        ("delivered", "paid"),
    ]
    with influent.session() as session, pytest.raises(MessageError) as refused:
        change_status(session, workspace_id=workspace_id, deal_id=deal_id, status="cancelled")
    assert refused.value.code == "deal.error.transition"


def test_it_refuses_to_skip_a_step_and_can_cancel_before_delivery(
    influent: Influent, workspace_id: int
) -> None:
    deal_id = _propose(influent, workspace_id)
    with influent.session() as session, pytest.raises(MessageError) as skipped:
        change_status(session, workspace_id=workspace_id, deal_id=deal_id, status="paid")
    assert "proposed deal cannot become paid" in Translator("en").say(skipped.value.message)
    with influent.session() as session:
        change_status(session, workspace_id=workspace_id, deal_id=deal_id, status="cancelled")
        assert get_deal(session, workspace_id=workspace_id, deal_id=deal_id).status == "cancelled"


def test_it_logs_offers_and_counter_offers_until_the_deal_is_accepted(
    influent: Influent, workspace_id: int, team: object
) -> None:
    deal_id = _propose(influent, workspace_id)
    with influent.session() as session:
        record_offer(
            session,
            workspace_id=workspace_id,
            deal_id=deal_id,
            party="creator",
            fee="2 000 €",
            note="Trois stories avec lien",
        )
        record_offer(
            session, workspace_id=workspace_id, deal_id=deal_id, party="brand", fee="€1600"
        )
        change_status(session, workspace_id=workspace_id, deal_id=deal_id, status="accepted")
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
        offers = [(e.party, e.fee, e.note) for e in view.events if e.kind == "offer"]
        assert offers == [
            ("brand", 1200.0, None),
            ("creator", 2000.0, "Trois stories avec lien"),
            ("brand", 1600.0, None),
        ]
        assert view.fee == 1600.0
        with pytest.raises(DealError) as closed:
            record_offer(
                session, workspace_id=workspace_id, deal_id=deal_id, party="creator", fee="1 800 €"
            )
        assert closed.value.code == "deal.error.offer_closed"


def test_it_writes_the_proposal_in_the_creators_language(
    influent: Influent, workspace_id: int
) -> None:
    deal_id = _propose(influent, workspace_id, code=CodeIn(percent=15))
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
    french = proposal_text(view)
    assert french.startswith("Bonjour Léna,")
    assert "3 stories sur Instagram" in french
    assert "LENA15" in french and "31 mars 2027" in french
    assert "1\u202f200\u00a0€" in french or "1 200 €" in french.replace("\u202f", " ").replace(
        "\u00a0", " "
    )
    english = proposal_text(view, "en")
    assert english.startswith("Hi Léna,") and "March 31, 2027" in english


BAD_INPUT = [
    ({"fee": "mille euros"}, "deal.error.fee", "n’est pas une rémunération"),
    ({"fee": "1200 ABC"}, "money.error.currency", "Devise inconnue"),
    ({"deliverables": [DeliverableIn("story", -2)]}, "deal.error.quantity", "quantité de -2"),
    (
        {"code": CodeIn(code="LENA 15", percent=15)},
        "deal.error.code_spaces",
        "contient des espaces",
    ),
    (
        {"code": CodeIn(percent=15, starts_on=None, ends_on=None, usage_limit=0)},
        "deal.error.usage_limit",
        "au moins 1",
    ),
    ({"deliverables": [DeliverableIn("tiktok dance")]}, "deal.error.format", "Format inconnu"),
]


@pytest.mark.parametrize(("change", "code", "french"), BAD_INPUT)
def test_it_refuses_bad_input_in_the_users_language_and_writes_nothing(
    influent: Influent, workspace_id: int, change: dict[str, object], code: str, french: str
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    creator_id = make_creator(influent, workspace_id, "Léna", "lena.beaute", 20_000)
    arguments: dict[str, object] = {
        "deliverables": [DeliverableIn("story", 3)],
        "fee": "1 200 €",
        **change,
    }
    with influent.session() as session, pytest.raises(MessageError) as refused:
        create_deal(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            **arguments,  # type: ignore[arg-type]
        )
    assert refused.value.code == code
    assert french in Translator("fr").say(refused.value.message)
    assert Translator("en").say(refused.value.message) != code
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Deal)) == 0
        assert session.scalar(select(func.count()).select_from(PromoCode)) == 0


def test_it_refuses_a_duplicate_code_and_a_code_ending_before_it_starts(
    influent: Influent, workspace_id: int
) -> None:
    from datetime import date

    _propose(influent, workspace_id, code=CodeIn(code="lena15", percent=15))
    other = make_creator(influent, workspace_id, "Zoé", "zoe.skin", 30_000)
    with influent.session() as session:
        campaign_id = session.scalar(select(Deal.campaign_id))
        assert campaign_id is not None
        for code, expected in (
            (CodeIn(code="LENA15", percent=15), "deal.error.code_taken"),
            (
                CodeIn(percent=15, starts_on=date(2027, 5, 1), ends_on=date(2027, 4, 1)),
                "deal.error.code_dates",
            ),
        ):
            with pytest.raises(MessageError) as refused:
                create_deal(
                    session,
                    workspace_id=workspace_id,
                    campaign_id=campaign_id,
                    creator_id=other,
                    deliverables=[DeliverableIn("post")],
                    fee="500 €",
                    code=code,
                )
            assert refused.value.code == expected
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Deal)) == 1
        assert session.scalars(select(PromoCode.code)).all() == ["LENA15"]
