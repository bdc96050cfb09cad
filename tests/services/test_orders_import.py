"""Orders exports from Shopify, WooCommerce, Stripe and the generic columns, into orders."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from influent.domain.orders import OrderProblem, Source
from influent.services import orders
from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.store.order_models import Order, OrderRollup

# The columns of Shopify's orders export, in its order.
SHOPIFY = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]


def _write(path: Path, headers: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=headers)
        writer.writeheader()
        for row in rows:
            writer.writerow({h: row.get(h, "") for h in headers})
    return path


def shopify_file(path: Path) -> Path:
    first = {
        "Name": "#1001",
        "Email": "lea@example.com",
        "Financial Status": "paid",
        "Currency": "EUR",
        "Subtotal": "54.90",
        "Total": "59.90",
        "Discount Code": "LENA15",
        "Discount Amount": "9.69",
        "Created at": "2027-03-01 12:00:00 +0100",
        "Lineitem quantity": "1",
        "Lineitem name": "Sérum",
        "Id": "5001",
    }
    rows = [
        first,
        # Further line items of the same order: only Name and the line's own columns.
        {"Name": "#1001", "Lineitem quantity": "2", "Lineitem name": "Crème"},
        {"Name": "#1001", "Lineitem quantity": "1", "Lineitem name": "Baume"},
        {
            "Name": "#1002",
            "Email": "max@example.com",
            "Financial Status": "partially_refunded",
            "Currency": "USD",
            "Subtotal": "100.00",
            "Total": "110.00",
            "Created at": "2027-03-02 09:30:00 -0500",
            "Lineitem quantity": "1",
            "Refunded Amount": "25.00",
            "Id": "5002",
        },
        {
            "Name": "#1003",
            "Financial Status": "voided",
            "Currency": "EUR",
            "Total": "20.00",
            "Created at": "2027-03-03 10:00:00 +0100",
            "Cancelled at": "2027-03-03 11:00:00 +0100",
            "Lineitem quantity": "1",
            "Id": "5003",
        },
    ]
    return _write(path, SHOPIFY, rows)


def _totals(influent: Influent) -> dict[str, tuple[int, int, int]]:
    with influent.session() as session:
        rows = session.execute(
            select(
                OrderRollup.currency,
                func.sum(OrderRollup.orders),
                func.sum(OrderRollup.revenue_minor),
                func.sum(OrderRollup.refunded_minor),
            ).group_by(OrderRollup.currency)
        ).all()
    return {c: (int(o), int(r), int(f)) for c, o, r, f in rows}


def test_it_reads_a_shopify_export_with_multi_line_orders_refunds_and_currencies(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = shopify_file(tmp_path / "orders_export.csv")
    with influent.session() as session:
        found = orders.import_orders(session, workspace_id=workspace_id, path=path)
    assert found.source is Source.SHOPIFY and found.rows == 5 and found.orders == 3
    assert found.problems == [] and found.report is not None and found.report.created == 3
    assert _totals(influent) == {"EUR": (1, 5_990, 0), "USD": (1, 11_000, 2_500)}
    with influent.session() as session:
        first = session.scalar(select(Order).where(Order.source_id == "5001"))
        assert first is not None and first.codes == ["LENA15"] and first.name == "#1001"
        assert first.customer and "@" not in first.customer
    with influent.session() as session:  # the same file again
        again = orders.import_orders(session, workspace_id=workspace_id, path=path)
    assert again.report is not None and again.report.unchanged == 3 and again.report.created == 0
    assert _totals(influent) == {"EUR": (1, 5_990, 0), "USD": (1, 11_000, 2_500)}


def test_it_reads_woocommerce_and_stripe_exports(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    woo = _write(
        tmp_path / "woo.csv",
        [
            "order_id",
            "order_number",
            "order_date",
            "status",
            "order_total",
            "order_currency",
            "discount_total",
            "refunded_total",
            "coupon_items",
            "billing_email",
        ],
        [
            {
                "order_id": "77",
                "order_number": "77",
                "order_date": "2027-03-01 10:00:00",
                "status": "completed",
                "order_total": "42.50",
                "order_currency": "EUR",
                "coupon_items": "code:THEO15|amount:7.50",
                "billing_email": "a@example.com",
            },
            {
                "order_id": "78",
                "order_date": "2027-03-01 11:00:00",
                "status": "refunded",
                "order_total": "10.00",
                "order_currency": "EUR",
                "refunded_total": "10.00",
            },
        ],
    )
    stripe = _write(
        tmp_path / "unified_payments.csv",
        [
            "id",
            "Created date (UTC)",
            "Amount",
            "Amount Refunded",
            "Currency",
            "Status",
            "Customer Email",
            "promo_code (metadata)",
        ],
        [
            {
                "id": "ch_1",
                "Created date (UTC)": "2027-03-01 10:00:00",
                "Amount": "1,000",
                "Amount Refunded": "0",
                "Currency": "jpy",
                "Status": "Paid",
                "promo_code (metadata)": "LENA15",
            },
            {
                "id": "ch_2",
                "Created date (UTC)": "2027-03-01 10:05:00",
                "Amount": "5.00",
                "Amount Refunded": "0",
                "Currency": "usd",
                "Status": "Failed",
            },
        ],
    )
    with influent.session() as session:
        by_woo = orders.import_orders(session, workspace_id=workspace_id, path=woo)
        by_stripe = orders.import_orders(session, workspace_id=workspace_id, path=stripe)
    assert by_woo.source is Source.WOOCOMMERCE and by_stripe.source is Source.STRIPE
    with influent.session() as session:
        codes = dict(session.execute(select(Order.source_id, Order.codes)).all())
    assert codes["77"] == ["THEO15"] and codes["ch_1"] == ["LENA15"]
    # Yen have no minor unit; a failed payment counts nothing.
    assert _totals(influent) == {"EUR": (2, 5_250, 1_000), "JPY": (1, 1_000, 0)}


def test_a_bad_row_keeps_the_whole_file_out_and_says_where(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    bad = _write(
        tmp_path / "generic.csv",
        ["order_id", "created_at", "currency", "total", "code"],
        [
            {"order_id": "A1", "created_at": "2027-03-01", "currency": "EUR", "total": "12"},
            {"order_id": "A2", "created_at": "2027-03-01", "currency": "EURO", "total": "12"},
            {"order_id": "A3", "created_at": "yesterday", "currency": "EUR", "total": "12"},
            {"order_id": "A4", "created_at": "2027-03-01", "currency": "EUR", "total": "-3"},
            {"order_id": "A5", "created_at": "2027-03-01", "currency": "EUR", "total": "twelve"},
        ],
    )
    with influent.session() as session:
        found = orders.import_orders(session, workspace_id=workspace_id, path=bad)
    assert found.refused and found.report is None
    # Each problem names the file's own column.
    assert [(row, column) for row, column, _ in found.problems] == [
        (3, "currency"),
        (4, "created_at"),
        (5, "total"),
        (6, "total"),
    ]
    french = Translator("fr").say(found.problems[0][2])
    assert "«\u00a0EURO\u00a0» n’est pas une devise" in french
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 0


def test_a_file_that_is_not_an_orders_export_is_refused_with_its_columns(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    creators = _write(
        tmp_path / "creators.csv", ["Name", "Handle", "Followers"], [{"Name": "Léna"}]
    )
    with influent.session() as session, pytest.raises(OrderProblem) as refused:
        orders.import_orders(session, workspace_id=workspace_id, path=creators)
    assert "Name, Handle, Followers" in Translator("en").say(refused.value.message)


def test_a_generic_export_headed_in_french_is_read_below_its_title(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "commandes.csv"
    path.write_text(
        "Export de la boutique (mars 2027)\n"
        "Commande;Date;Devise;Montant;Code promo;Remboursé;Statut\n"
        "C-1;15/03/2027;EUR;49,90;LENA15;non;Payée\n"
        "C-2;16/03/2027 10:30;EUR;1 234,50;;oui;Remboursée\n"
        "C-3;17/03/2027;EUR;20,00;;;Annulée\n"
        "C-4;2027-03-18;EUR;10,00;;2,50;\n",
        encoding="utf-8",
    )
    with influent.session() as session:
        found = orders.import_orders(session, workspace_id=workspace_id, path=path)
    assert found.source is Source.GENERIC and not found.problems, found.problems
    assert found.mapping["Montant"] == "total" and found.mapping["Remboursé"] == "refunded"
    with influent.session() as session:
        stored = {o.source_id: o for o in session.scalars(select(Order))}
    assert stored["C-1"].total_minor == 4_990 and stored["C-1"].codes == ["LENA15"]
    assert stored["C-1"].placed_at.date().isoformat() == "2027-03-15"
    assert stored["C-2"].stated_refund_minor == 123_450
    assert stored["C-3"].status == "cancelled"
    # Paid 49.90 + 1,234.50 + 10.00; refunded 1,234.50 + 2.50; the cancelled one counts nothing.
    assert _totals(influent) == {"EUR": (3, 129_440, 123_700)}


def test_map_names_a_column_the_schema_does_not_know(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "shop.csv",
        ["Ticket", "Quand", "Monnaie", "Encaissé"],
        [{"Ticket": "T1", "Quand": "2027-03-01", "Monnaie": "EUR", "Encaissé": "12,00"}],
    )
    with influent.session() as session, pytest.raises(OrderProblem) as refused:
        orders.import_orders(session, workspace_id=workspace_id, path=path)
    assert "Ticket, Quand, Monnaie, Encaissé" in Translator("fr").say(refused.value.message)
    overrides = orders.parse_order_map(["Ticket=order_id", "Quand=created_at", "Encaissé=total"])
    with influent.session() as session:
        found = orders.import_orders(
            session, workspace_id=workspace_id, path=path, overrides=overrides
        )
    assert found.report is not None and found.report.created == 1
    assert _totals(influent) == {"EUR": (1, 1_200, 0)}
    with pytest.raises(OrderProblem) as wrong:
        orders.parse_order_map(["Ticket=commande"])
    english = Translator("en").say(wrong.value.message)
    assert "order_id, created_at" in english and "Ticket=commande" in english


def test_a_generic_file_missing_a_required_column_says_which(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "sans-devise.csv",
        ["Commande", "Date", "Montant"],
        [{"Commande": "C1", "Date": "2027-03-01", "Montant": "12"}],
    )
    with influent.session() as session, pytest.raises(OrderProblem) as refused:
        orders.import_orders(session, workspace_id=workspace_id, path=path)
    assert refused.value.message.code == "orders.error.missing_column"
    assert "currency" in Translator("fr").say(refused.value.message)
