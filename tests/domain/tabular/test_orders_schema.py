"""The generic orders schema recognises English and French headers, and reads French statuses."""

from __future__ import annotations

from influent.domain.order_files import read_generic
from influent.domain.tabular.orders import ORDERS


def test_it_maps_french_and_english_headers_to_the_same_fields() -> None:
    french = ["Commande", "Date", "Devise", "Montant", "Code promo", "Remboursé", "Statut"]
    english = ["order_id", "created_at", "currency", "total", "code", "refunded", "status"]
    for headers in (french, english):
        mapping = ORDERS.map_columns(headers)
        assert list(mapping.fields.values()) == english
        assert ORDERS.missing(mapping) is None
    assert ORDERS.recognise("N° commande") == "order_id"
    assert ORDERS.recognise("Montant TTC") == "total"
    assert ORDERS.recognise("Page d’arrivée") == "landing_site"


def test_it_reads_yes_no_refunds_and_french_statuses() -> None:
    rows = [
        (
            2,
            {
                "order_id": "1",
                "created_at": "15/03/2027",
                "currency": "EUR",
                "total": "10,00",
                "refunded": "oui",
                "status": "Payée",
            },
        ),
        (
            3,
            {
                "order_id": "2",
                "created_at": "2027-03-15",
                "currency": "EUR",
                "total": "8",
                "status": "Remboursée",
            },
        ),
        (
            4,
            {
                "order_id": "3",
                "created_at": "15.03.2027",
                "currency": "EUR",
                "total": "5",
                "status": "Annulée",
            },
        ),
        (5, {"order_id": "4", "created_at": "demain", "currency": "EUR", "total": "5"}),
    ]
    read = read_generic(rows, salt="s")
    first, second, third = read.orders
    assert first.stated_refund_minor == 1_000 and first.status == "paid"
    assert second.stated_refund_minor == 800 and second.status == "refunded"
    assert third.status == "cancelled" and third.placed_at.day == 15
    assert [(row, field) for row, field, _ in read.problems] == [(5, "created_at")]
