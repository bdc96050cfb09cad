"""The campaign report reads rollups and deals, and its rows add up to the campaign's totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from influent.domain.orders import OrderIn, RefundIn, Source
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.services.orders import campaign_report, record, report_table, write_report
from influent.store.deal_models import Deal, PromoCode
from influent.store.link_models import Link, LinkDay
from influent.store.models import Creator

T0 = datetime(2027, 3, 10, 12, tzinfo=UTC)


def _campaign(influent: Influent, workspace_id: int, name: str) -> int:
    with influent.session() as session:
        campaign = create_campaign(
            session,
            workspace_id=workspace_id,
            name=name,
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 3, 31),
            currency="EUR",
        )
        return campaign.id


def _creator_with_deal(
    influent: Influent,
    workspace_id: int,
    campaign_id: int,
    name: str,
    *,
    fee: int,
    commission: int = 0,
    gifted: int = 0,
    clicks: tuple[int, int, int] = (0, 0, 0),
) -> int:
    with influent.session() as session:
        creator = Creator(workspace_id=workspace_id, name=name, name_key=name, custom_fields={})
        session.add(creator)
        session.flush()
        code = PromoCode(workspace_id=workspace_id, code=f"{name}{campaign_id}".upper())
        session.add(code)
        session.flush()
        session.add(
            Deal(
                workspace_id=workspace_id,
                campaign_id=campaign_id,
                creator_id=creator.id,
                fee_minor=fee,
                gifted_value_minor=gifted,
                commission_per_order_minor=commission,
                promo_code_id=code.id,
            )
        )
        link = Link(
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator.id,
            handle=name,
            key=f"{name}-{campaign_id}",
            key_lower=f"{name}-{campaign_id}",
            destination="https://shop.example/",
            target_url="https://shop.example/",
        )
        session.add(link)
        session.flush()
        human, bot, visitors = clicks
        for day in (date(2027, 3, 9), date(2027, 3, 10)):
            session.add(
                LinkDay(
                    link_id=link.id, day=day, human=human // 2, bot=bot // 2, visitors=visitors // 2
                )
            )
        return creator.id


def _order(source_id: str, total: int, code: str | None = None, days: int = 0) -> OrderIn:
    return OrderIn(
        source=Source.SHOPIFY,
        source_id=source_id,
        placed_at=T0 + timedelta(days=days),
        currency="EUR",
        total_minor=total,
        codes=(code,) if code else (),
    )


def _world(influent: Influent, workspace_id: int) -> tuple[int, dict[str, int]]:
    serum = _campaign(influent, workspace_id, "Lancement sérum")
    other = _campaign(influent, workspace_id, "Soldes")
    ids = {
        "lena": _creator_with_deal(
            influent, workspace_id, serum, "lena", fee=30_000, commission=200, clicks=(400, 40, 300)
        ),
        "hugo": _creator_with_deal(
            influent, workspace_id, serum, "hugo", fee=10_000, gifted=5_000, clicks=(100, 0, 80)
        ),
        "zoe": _creator_with_deal(influent, workspace_id, other, "zoe", fee=99_000),
    }
    orders = [_order(f"l{i}", 10_000, f"LENA{serum}") for i in range(6)]
    orders += [_order("h1", 4_000, f"HUGO{serum}")]
    orders += [_order("z1", 70_000, f"ZOE{other}")]
    orders += [_order("u1", 2_500), _order("u2", 3_500)]  # no code: unattributed, in March
    orders += [_order("u3", 9_900, days=60)]  # unattributed, after the campaign
    refunds = [RefundIn(Source.SHOPIFY, "r1", "l0", T0 + timedelta(days=2), "EUR", 4_000)]
    with influent.session() as session:
        record(session, workspace_id=workspace_id, orders=orders, refunds=refunds)
    return serum, ids


def test_each_creator_gets_their_cost_clicks_and_orders(
    influent: Influent, workspace_id: int
) -> None:
    serum, ids = _world(influent, workspace_id)
    with influent.session() as session:
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=serum)
    by_id = {row.creator_id: row for row in report.rows}
    assert set(by_id) == {ids["lena"], ids["hugo"]}
    lena = by_id[ids["lena"]]
    assert (lena.performance.orders, lena.performance.revenue_minor) == (6, 60_000)
    assert lena.performance.refunded_minor == 4_000
    assert lena.returns.cost_minor == 30_000 + 6 * 200
    assert (lena.performance.clicks_human, lena.performance.clicks_bot) == (400, 40)
    assert lena.returns.roi == pytest.approx((56_000 - 31_200) / 31_200)
    assert lena.returns.roi_low is not None and lena.returns.roi_low < lena.returns.roi
    hugo = by_id[ids["hugo"]]
    assert hugo.returns.cost_minor == 15_000 and hugo.performance.orders == 1
    assert report.rows[0].creator_id == ids["lena"]  # best ROI first
    assert (
        report.unattributed.performance.orders,
        report.unattributed.performance.revenue_minor,
    ) == (
        2,
        6_000,
    )


def test_creators_and_unattributed_add_up_to_the_campaign_totals(
    influent: Influent, workspace_id: int
) -> None:
    serum, _ = _world(influent, workspace_id)
    with influent.session() as session:
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=serum)
    summed = report.unattributed.performance
    for row in report.rows:
        summed = summed + row.performance
    totals = report.totals.performance
    assert (summed.orders, summed.revenue_minor, summed.refunded_minor) == (
        totals.orders,
        totals.revenue_minor,
        totals.refunded_minor,
    )
    assert (summed.clicks_human, summed.cost_minor) == (totals.clicks_human, totals.cost_minor)
    assert (totals.orders, totals.revenue_minor, totals.refunded_minor) == (9, 70_000, 4_000)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_report_exports_one_row_per_creator_plus_unattributed_and_total(
    influent: Influent, workspace_id: int, tmp_path: Path, suffix: str
) -> None:
    serum, _ = _world(influent, workspace_id)
    with influent.session() as session:
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=serum)
    tr = Translator("fr")
    headers, rows = report_table(report, tr)
    assert headers[0] == "Créateur" and rows[-1][0] == "Total de la campagne"
    path = tmp_path / f"report{suffix}"
    assert write_report(report, path, tr) == 4
    if suffix == ".xlsx":
        sheet = load_workbook(path).active
        assert sheet is not None and sheet.max_row == 5
    else:
        assert path.read_text(encoding="utf-8-sig").count("\n") == 5


def _deliverables(influent: Influent, workspace_id: int, creator_id: int, *kinds: str) -> None:
    from sqlalchemy import select

    from influent.store.deal_models import Deliverable

    with influent.session() as session:
        deal_id = session.scalar(
            select(Deal.id).where(Deal.workspace_id == workspace_id, Deal.creator_id == creator_id)
        )
        for kind in kinds:
            platform, format_ = kind.split(":")
            session.add(Deliverable(deal_id=deal_id, platform=platform, format=format_))


@pytest.mark.parametrize(
    ("by", "groups"),
    [
        ("platform", {"instagram", "mixed"}),
        ("format", {"story", "mixed"}),
        ("deal", None),
    ],
)
def test_grouped_rows_still_add_up_to_the_totals(
    influent: Influent, workspace_id: int, by: str, groups: set[str] | None
) -> None:
    serum, ids = _world(influent, workspace_id)
    _deliverables(influent, workspace_id, ids["lena"], "instagram:story", "instagram:story")
    _deliverables(influent, workspace_id, ids["hugo"], "instagram:post", "tiktok:story", "x:reel")
    with influent.session() as session:
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=serum, by=by)
    if groups is not None:
        assert {row.group for row in report.rows} == groups
    else:
        assert len(report.rows) == 2 and all(row.group for row in report.rows)
    summed = report.unattributed.performance
    for row in report.rows:
        summed = summed + row.performance
    totals = report.totals.performance
    assert (summed.orders, summed.revenue_minor, summed.refunded_minor, summed.cost_minor) == (
        totals.orders,
        totals.revenue_minor,
        totals.refunded_minor,
        totals.cost_minor,
    )
    headers, rows = report_table(report, Translator("en"))
    assert headers[0] == {"platform": "Platform", "format": "Format", "deal": "Deal"}[by]
    if by == "platform":
        assert {str(r[0]) for r in rows[:-2]} == {
            "Instagram",
            "Several (creators with deals of several kinds)",
        }
    if by == "deal":
        assert str(rows[0][0]).startswith("Deal #") and "(lena)" in str(rows[0][0])


def test_it_refuses_an_unknown_grouping(influent: Influent, workspace_id: int) -> None:
    from influent.domain.messages import MessageError

    serum, _ = _world(influent, workspace_id)
    with influent.session() as session, pytest.raises(MessageError) as refused:
        campaign_report(session, workspace_id=workspace_id, campaign_id=serum, by="weather")
    assert refused.value.message.code == "report.error.by"
