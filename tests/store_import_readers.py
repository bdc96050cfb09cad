"""Readers of the two store import formats, written from their documentation.

Each reads a CSV the way the importer describes it and refuses what the importer would refuse;
the export tests hand Influent's files to them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

# Matrixify, Discounts template (https://matrixify.app/documentation/discounts/): one row per
# code; "Code" is required to create a discount, at most 255 characters, and not
# case-sensitive; "Command" is one of NEW, MERGE, UPDATE, REPLACE, DELETE, IGNORE.
MATRIXIFY_COMMANDS = {"NEW", "MERGE", "UPDATE", "REPLACE", "DELETE", "IGNORE"}
# Smart Coupons import (https://www.webtoffee.com/bulk-import-coupons-using-csv-file-coupon-data/)
# with WooCommerce's coupon fields (https://developer.woocommerce.com/docs/apis/rest-api/v2/coupons/):
# post_title is the unique code; post_status draft or publish; discount_type percent,
# fixed_cart or fixed_product; coupon_amount a decimal without thousands separators or currency
# symbols.
WOO_TYPES = {"percent", "fixed_cart", "fixed_product"}
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class StoreCode:
    code: str
    percent: float | None
    amount: float | None
    starts: date | None
    ends: date | None
    usage_limit: int | None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _limit(text: str) -> int | None:
    if not text:
        return None
    value = int(text)
    assert value >= 1
    return value


def read_matrixify(text: str) -> list[StoreCode]:
    rows = list(csv.DictReader(io.StringIO(text)))
    codes = []
    seen: set[str] = set()
    for row in rows:
        assert row["Command"] in MATRIXIFY_COMMANDS
        code = row["Code"]
        assert code and len(code) <= 255
        assert code.upper() not in seen, f"duplicate code {code}"
        seen.add(code.upper())
        assert row["Title"]
        kind, value = row["Value Type"], float(row["Value"])
        assert kind in {"percentage", "fixed_amount"}
        codes.append(
            StoreCode(
                code,
                value if kind == "percentage" else None,
                value if kind == "fixed_amount" else None,
                _date(row["Starts At"]),
                _date(row["Ends At"]),
                _limit(row["Usage Limit"]),
            )
        )
    return codes


def read_woocommerce(text: str) -> list[StoreCode]:
    rows = list(csv.DictReader(io.StringIO(text)))
    codes = []
    seen: set[str] = set()
    for row in rows:
        code = row["post_title"]
        assert code, "post_title is required"
        assert code.lower() not in seen, f"duplicate coupon {code}"
        seen.add(code.lower())
        assert row["post_status"] in {"publish", "draft"}
        kind = row["discount_type"]
        assert kind in WOO_TYPES
        assert _DECIMAL.match(row["coupon_amount"]), row["coupon_amount"]
        value = float(row["coupon_amount"])
        codes.append(
            StoreCode(
                code,
                value if kind == "percent" else None,
                value if kind != "percent" else None,
                None,
                _date(row["date_expires"]),
                _limit(row["usage_limit"]),
            )
        )
    return codes
