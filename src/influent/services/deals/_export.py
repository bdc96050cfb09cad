"""Promo codes as the CSV files that Shopify and WooCommerce stores import.

Shopify's admin has no discount-code import of its own; stores import codes with Matrixify,
whose "Discounts" template names the columns below (one row per code, Command NEW).
Reference: https://matrixify.app/documentation/discounts/
WooCommerce's core has no coupon import either; the Smart Coupons importer reads coupons as
posts (post_title is the code) with the coupon's meta keys as columns (discount_type is
percent / fixed_cart, coupon_amount a plain decimal without currency symbol or thousands
separator, date_expires a date). WooCommerce coupons have no start date.
Reference: https://www.webtoffee.com/bulk-import-coupons-using-csv-file-coupon-data/
Reference: https://developer.woocommerce.com/docs/apis/rest-api/v2/coupons/
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from influent.services.deals._errors import DealError
from influent.services.deals._views import CodeView

EXPORT_FORMATS = ("shopify", "woocommerce")

SHOPIFY_COLUMNS = (
    "Title",
    "Command",
    "Code",
    "Value Type",
    "Value",
    "Starts At",
    "Ends At",
    "Usage Limit",
)
WOOCOMMERCE_COLUMNS = (
    "post_title",
    "post_excerpt",
    "post_status",
    "discount_type",
    "coupon_amount",
    "date_expires",
    "usage_limit",
)


def _amount(code: CodeView) -> str:
    if code.kind == "percent":
        return str(code.percent_off)
    value = code.amount_off or 0.0
    return f"{value:.2f}"


def _shopify(code: CodeView) -> list[str]:
    return [
        f"{code.campaign or 'Influent'} – {code.creator or code.code}",
        "NEW",
        code.code,
        "percentage" if code.kind == "percent" else "fixed_amount",
        _amount(code),
        code.starts_on.isoformat() if code.starts_on else "",
        code.ends_on.isoformat() if code.ends_on else "",
        str(code.usage_limit) if code.usage_limit is not None else "",
    ]


def _woocommerce(code: CodeView) -> list[str]:
    return [
        code.code,
        f"{code.campaign or ''} {code.creator or ''}".strip(),
        "publish",
        "percent" if code.kind == "percent" else "fixed_cart",
        _amount(code),
        code.ends_on.isoformat() if code.ends_on else "",
        str(code.usage_limit) if code.usage_limit is not None else "",
    ]


def export_codes(codes: Sequence[CodeView], fmt: str) -> str:
    """The CSV text of `codes` in one store's import format."""
    if fmt not in EXPORT_FORMATS:
        raise DealError("deal.error.export_format", format=fmt, known=", ".join(EXPORT_FORMATS))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if fmt == "shopify":
        writer.writerow(SHOPIFY_COLUMNS)
        writer.writerows(_shopify(c) for c in codes)
    else:
        writer.writerow(WOOCOMMERCE_COLUMNS)
        writer.writerows(_woocommerce(c) for c in codes)
    return out.getvalue()
