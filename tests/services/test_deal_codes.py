"""Promo codes of a campaign: generated in bulk, exported for Shopify and WooCommerce,
and kept consistent with what the other creators of the same tier got."""

from __future__ import annotations

from datetime import date

import pytest

from deals_testing import make_campaign, make_creator
from influent.services.core import Influent
from influent.services.deals import (
    CodeIn,
    DealError,
    DeliverableIn,
    attach_code,
    campaign_codes,
    code_view,
    create_deal,
    deal_view,
    export_codes,
    generate_campaign_codes,
    get_deal,
    set_levels,
)
from influent.services.i18n import Translator
from store_import_readers import read_matrixify, read_woocommerce


def _deal(
    influent: Influent,
    workspace_id: int,
    campaign_id: int,
    name: str,
    handle: str,
    followers: int,
    code: CodeIn | None = None,
    reason: str | None = None,
) -> int:
    creator_id = make_creator(influent, workspace_id, name, handle, followers)
    with influent.session() as session:
        return create_deal(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            deliverables=[DeliverableIn("post")],
            fee="400 €",
            code=code,
            discount_reason=reason,
        ).id


def test_it_generates_a_campaigns_codes_at_each_tiers_level(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    with influent.session() as session:
        set_levels(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            levels={"nano": 10, "micro": 10, "mid": 20, "macro": 20, "mega": 20},
        )
    _deal(influent, workspace_id, campaign_id, "Léna Dupont", "lena", 8_000)
    _deal(influent, workspace_id, campaign_id, "Lena Petit", "lena.p", 40_000)
    _deal(influent, workspace_id, campaign_id, "Inès Martin", "ines", 250_000)
    with influent.session() as session:
        made = generate_campaign_codes(session, workspace_id=workspace_id, campaign_id=campaign_id)
        assert sorted(c.code for c in made) == ["INES20", "LENA10", "LENA10-2"]
        assert all(c.ends_on == date(2027, 3, 31) for c in made)
        again = generate_campaign_codes(session, workspace_id=workspace_id, campaign_id=campaign_id)
        assert again == []


def test_the_exports_reimport_into_each_stores_reader(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    _deal(influent, workspace_id, campaign_id, "Léna", "lena", 8_000, CodeIn(percent=15))
    _deal(
        influent,
        workspace_id,
        campaign_id,
        "Zoé, Paris",
        "zoe",
        9_000,
        CodeIn(amount="10 €", usage_limit=50),
        reason="Fixed amount agreed by phone",
    )
    with influent.session() as session:
        views = [
            code_view(session, c)
            for c in campaign_codes(session, workspace_id=workspace_id, campaign_id=campaign_id)
        ]
    shopify = read_matrixify(export_codes(views, "shopify"))
    woo = read_woocommerce(export_codes(views, "woocommerce"))
    for read in (shopify, woo):
        by_code = {c.code: c for c in read}
        assert by_code["LENA15"].percent == 15
        assert by_code["ZOE10"].amount == 10.0
        assert by_code["ZOE10"].usage_limit == 50
        assert by_code["LENA15"].ends == date(2027, 3, 31)
    assert {c.code: c.starts for c in shopify}["LENA15"] == date(2027, 3, 1)
    with pytest.raises(DealError):
        export_codes(views, "magento")


def test_expired_and_exhausted_codes_are_shown_as_such(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    deal_id = _deal(
        influent,
        workspace_id,
        campaign_id,
        "Léna",
        "lena",
        8_000,
        CodeIn(percent=15, usage_limit=2),
    )
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
        assert view.code is not None
        assert view.code.state == "active" or view.code.state in ("scheduled", "expired")
        deal = get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
        assert deal.promo_code is not None
        later = deal_view(session, deal, today=date(2027, 4, 2))
        assert later.code is not None and later.code.state == "expired"
        deal.promo_code.times_used = 2
        session.flush()
        used = deal_view(session, deal, today=date(2027, 3, 10))
        assert used.code is not None and used.code.state == "exhausted"
    assert Translator("fr").t("deal.code_state.exhausted") == "épuisé"


def test_a_code_off_the_campaigns_level_needs_a_written_reason_which_is_kept(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    with influent.session() as session:
        set_levels(session, workspace_id=workspace_id, campaign_id=campaign_id, levels={"all": 15})
    with pytest.raises(DealError) as refused:
        _deal(influent, workspace_id, campaign_id, "Inès", "ines", 20_000, CodeIn(percent=25))
    assert refused.value.code == "deal.error.discount_reason"
    french = Translator("fr").say(refused.value.message)
    assert "25\u202f%" in french and "15\u202f%" in french and "micro" in french
    deal_id = _deal(
        influent,
        workspace_id,
        campaign_id,
        "Inès",
        "ines2",
        20_000,
        CodeIn(percent=25),
        reason="Launch partner: she designed the serum's packaging with us",
    )
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
    assert view.discount_reason == "Launch partner: she designed the serum's packaging with us"


def test_without_levels_a_code_is_compared_with_the_others_of_the_same_tier(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    _deal(influent, workspace_id, campaign_id, "Léna", "lena", 20_000, CodeIn(percent=15))
    _deal(influent, workspace_id, campaign_id, "Zoé", "zoe", 30_000, CodeIn(percent=15))
    # Another tier may get another discount without a warning.
    _deal(influent, workspace_id, campaign_id, "Anaïs", "anais", 300_000, CodeIn(percent=20))
    creator_deal = _deal(influent, workspace_id, campaign_id, "Chloé", "chloe", 45_000)
    with influent.session() as session, pytest.raises(DealError) as refused:
        attach_code(
            session, workspace_id=workspace_id, deal_id=creator_deal, code=CodeIn(percent=30)
        )
    assert refused.value.message.params["expected"] == 15
    with influent.session() as session:
        attach_code(
            session, workspace_id=workspace_id, deal_id=creator_deal, code=CodeIn(percent=15)
        )
        view = deal_view(
            session, get_deal(session, workspace_id=workspace_id, deal_id=creator_deal)
        )
    assert view.code is not None and view.code.code == "CHLOE15"
    assert view.discount_reason is None
