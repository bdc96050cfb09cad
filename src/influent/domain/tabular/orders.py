"""The generic orders schema: one order per row, headed in English or French.

Shopify, WooCommerce and Stripe exports have fixed columns and their own readers
(`domain/order_files.py`); any other shop's export is read by this schema, so a file headed
"Commande;Date;Devise;Montant;Code promo;Remboursé;Statut" is as good as one headed
"order_id,created_at,currency,total,code,refunded,status". Amounts stay text here: they are
read in minor units of the row's own currency, which only the whole row knows.
"""

from __future__ import annotations

from influent.domain.tabular.schema import Column, RowSchema

__all__ = ["ORDERS", "ORDER_FIELDS"]


def _text(
    name: str, english: tuple[str, ...], french: tuple[str, ...] = (), needed: bool = False
) -> Column[str]:
    return Column(name, english, french, None, "text", needed=needed)


ORDERS: RowSchema[str] = RowSchema(
    kind="orders",
    columns=(
        _text(
            "order_id",
            ("order id", "order", "order number", "order no", "id", "number", "reference"),
            (
                "commande",
                "n commande",
                "no commande",
                "numero de commande",
                "numero commande",
                "reference",
                "ref",
            ),
            needed=True,
        ),
        _text(
            "created_at",
            ("created at", "date", "order date", "placed at", "created"),
            ("date de commande", "date commande", "cree le", "passee le"),
            needed=True,
        ),
        _text("currency", ("currency", "currency code"), ("devise", "monnaie"), needed=True),
        _text(
            "total",
            ("total", "amount", "order total", "total amount", "grand total"),
            ("montant", "montant total", "total ttc", "montant ttc", "total commande"),
            needed=True,
        ),
        _text(
            "code",
            ("code", "promo code", "discount code", "coupon", "coupon code", "voucher"),
            ("code promo", "code de reduction", "code reduction", "bon de reduction"),
        ),
        _text(
            "refunded",
            ("refunded", "refunded amount", "refund", "amount refunded"),
            ("rembourse", "montant rembourse", "remboursement"),
        ),
        _text("status", ("status", "financial status", "state"), ("statut", "etat")),
        _text("email", ("email", "customer email", "e mail"), ("courriel", "email client")),
        _text(
            "landing_site",
            ("landing site", "landing page", "landing url"),
            ("page d arrivee", "page d atterrissage", "url d arrivee"),
        ),
        _text(
            "referring_site",
            ("referring site", "referrer", "referer"),
            ("site referent", "provenance"),
        ),
    ),
    required=(("order_id",), ("created_at",), ("currency",), ("total",)),
    merge_key=("order_id",),
)

ORDER_FIELDS: tuple[str, ...] = ORDERS.names
