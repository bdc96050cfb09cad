"""Attribution reads the workspace's own deals, links and clicks when no data is given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from influent.domain.attribution import VISITOR_PARAM
from influent.domain.orders import OrderIn, Source
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.orders import record
from influent.store.deal_models import Deal, PromoCode
from influent.store.link_models import Link, LinkClick
from influent.store.models import Creator
from influent.store.order_models import Order

T0 = datetime(2027, 3, 10, 12, tzinfo=UTC)


def _world(influent: Influent, workspace_id: int) -> dict[str, int]:
    """Two creators on one campaign: Léna has a deal with code LENA15, each has a tracked link."""
    ids: dict[str, int] = {}
    with influent.session() as session:
        campaign = create_campaign(session, workspace_id=workspace_id, name="Lancement sérum")
        ids["campaign"] = campaign.id
        for name in ("lena", "hugo"):
            creator = Creator(workspace_id=workspace_id, name=name, name_key=name, custom_fields={})
            session.add(creator)
            session.flush()
            ids[name] = creator.id
            link = Link(
                workspace_id=workspace_id,
                campaign_id=campaign.id,
                creator_id=creator.id,
                handle=name,
                key=f"{name}-{workspace_id}",
                key_lower=f"{name}-{workspace_id}",
                destination="https://shop.example/serum",
                utm_campaign=campaign.slug,
                utm_content=name.capitalize(),
                target_url="https://shop.example/serum",
            )
            session.add(link)
            session.flush()
            ids[f"{name}_link"] = link.id
        code = PromoCode(workspace_id=workspace_id, code="LENA15", percent_off=15)
        session.add(code)
        session.flush()
        deal = Deal(
            workspace_id=workspace_id,
            campaign_id=campaign.id,
            creator_id=ids["lena"],
            fee_minor=30_000,
            promo_code_id=code.id,
        )
        session.add(deal)
        session.flush()
        ids["deal"] = deal.id
    return ids


def _click(influent: Influent, link_id: int, visitor: str, at: datetime, bot: bool = False) -> None:
    with influent.session() as session:
        session.add(LinkClick(link_id=link_id, at=at, visitor=visitor, is_bot=bot, agent="test"))


def _record(influent: Influent, workspace_id: int, **fields: object) -> Order:
    values: dict[str, object] = {
        "source": Source.SHOPIFY,
        "source_id": "1001",
        "placed_at": T0,
        "currency": "EUR",
        "total_minor": 4_990,
    }
    values.update(fields)
    with influent.session() as session:
        record(session, workspace_id=workspace_id, orders=[OrderIn(**values)])  # type: ignore[arg-type]
    with influent.session() as session:
        found = session.scalar(select(Order).where(Order.workspace_id == workspace_id))
        assert found is not None
        session.expunge(found)
        return found


def test_an_order_with_a_deal_code_goes_to_that_deal(influent: Influent, workspace_id: int) -> None:
    ids = _world(influent, workspace_id)
    order = _record(influent, workspace_id, codes=("lena15",))
    assert (order.method, order.creator_id, order.deal_id) == ("code", ids["lena"], ids["deal"])
    assert order.campaign_id == ids["campaign"] and order.link_id is None


def test_an_order_carrying_a_stored_click_visitor_goes_to_that_link(
    influent: Influent, workspace_id: int
) -> None:
    ids = _world(influent, workspace_id)
    _click(influent, ids["hugo_link"], "v42", T0 - timedelta(days=3))
    landing = f"/serum?{VISITOR_PARAM}=v42"
    order = _record(influent, workspace_id, landing_site=landing)
    assert (order.method, order.creator_id, order.link_id) == (
        "click",
        ids["hugo"],
        ids["hugo_link"],
    )


def test_a_bot_click_alone_does_not_attribute(influent: Influent, workspace_id: int) -> None:
    ids = _world(influent, workspace_id)
    _click(influent, ids["hugo_link"], "v42", T0 - timedelta(days=3), bot=True)
    order = _record(influent, workspace_id, landing_site=f"/serum?{VISITOR_PARAM}=v42")
    assert (order.method, order.creator_id) == ("none", None)


def test_an_order_with_only_utm_parameters_goes_to_the_named_link(
    influent: Influent, workspace_id: int
) -> None:
    ids = _world(influent, workspace_id)
    with influent.session() as session:
        slug = session.get(Link, ids["lena_link"]).utm_campaign  # type: ignore[union-attr]
    landing = f"https://shop.example/serum?utm_campaign={slug.upper()}&utm_content=lena"  # type: ignore[union-attr]
    order = _record(influent, workspace_id, landing_site=landing)
    assert (order.method, order.creator_id, order.link_id) == ("utm", ids["lena"], ids["lena_link"])
    assert order.deal_id == ids["deal"]


def test_when_two_creators_were_clicked_the_last_click_wins(
    influent: Influent, workspace_id: int
) -> None:
    ids = _world(influent, workspace_id)
    _click(influent, ids["lena_link"], "v7", T0 - timedelta(days=5))
    _click(influent, ids["hugo_link"], "v7", T0 - timedelta(days=1))
    order = _record(influent, workspace_id, landing_site=f"/serum?{VISITOR_PARAM}=v7")
    assert (order.method, order.creator_id) == ("click", ids["hugo"])


def test_a_batch_of_orders_reads_each_visitors_clicks(
    influent: Influent, workspace_id: int
) -> None:
    ids = _world(influent, workspace_id)
    _click(influent, ids["lena_link"], "va", T0 - timedelta(days=2))
    _click(influent, ids["hugo_link"], "vb", T0 - timedelta(days=1))
    batch = [
        OrderIn(Source.SHOPIFY, f"b{n}", T0, "EUR", 1_000, landing_site=f"/?{VISITOR_PARAM}={v}")
        for n, v in enumerate(("va", "vb", "vc"))
    ]
    with influent.session() as session:
        report = record(session, workspace_id=workspace_id, orders=batch)
    assert (report.attributed, report.unattributed) == (2, 1)
    with influent.session() as session:
        owners = dict(
            session.execute(
                select(Order.source_id, Order.creator_id).where(Order.workspace_id == workspace_id)
            ).all()
        )
    assert owners == {"b0": ids["lena"], "b1": ids["hugo"], "b2": None}
