"""Attribution on crafted timelines: code over click over UTM, window edges, two creators."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influent.domain.attribution import (
    VISITOR_PARAM,
    Click,
    LinkTarget,
    Method,
    OrderFacts,
    attribute,
)
from influent.domain.orders import OrderProblem, to_minor
from influent.domain.signatures import (
    generic_signature,
    shopify_signature,
    verify_generic,
    verify_shopify,
)

T0 = datetime(2027, 3, 1, 12, tzinfo=UTC)
LENA = LinkTarget(creator_id=1, campaign_id=10, deal_id=100, link_id=1000)
THEO = LinkTarget(creator_id=2, campaign_id=10, deal_id=200, link_id=2000)
CODES = {"lena15": LENA, "theo15": THEO}
UTM = {("lancement-serum", "@lena"): LENA}


def landing(visitor: str) -> str:
    return f"/products/serum?utm_source=instagram&{VISITOR_PARAM}={visitor}"


def test_it_prefers_a_code_over_another_creators_click() -> None:
    order = OrderFacts(placed_at=T0, codes=("THEO15",), landing_site=landing("v1"))
    found = attribute(
        order, codes=CODES, clicks=[Click(T0 - timedelta(hours=1), "v1", LENA)], links_by_utm=UTM
    )
    assert found.method is Method.CODE and found.target == THEO
    assert found.reason.code == "attribution.code" and found.reason.params["code"] == "THEO15"


def test_it_takes_the_last_human_click_of_the_visitor_within_the_window() -> None:
    clicks = [
        Click(T0 - timedelta(days=3), "v1", LENA),
        Click(T0 - timedelta(days=1), "v1", THEO),
        Click(T0 - timedelta(hours=2), "v1", LENA, is_bot=True),  # a link preview
        Click(T0 - timedelta(hours=1), "v2", LENA),  # another visitor
        Click(T0 + timedelta(hours=1), "v1", LENA),  # after the order
    ]
    found = attribute(
        OrderFacts(placed_at=T0, landing_site=landing("v1")),
        codes=CODES,
        clicks=clicks,
        links_by_utm={},
    )
    assert found.method is Method.CLICK and found.target == THEO


def test_the_window_includes_its_edge_and_nothing_older() -> None:
    order = OrderFacts(placed_at=T0, landing_site=landing("v1"))
    edge = attribute(
        order, codes={}, clicks=[Click(T0 - timedelta(days=30), "v1", LENA)], links_by_utm={}
    )
    older = attribute(
        order,
        codes={},
        clicks=[Click(T0 - timedelta(days=30, seconds=1), "v1", LENA)],
        links_by_utm={},
    )
    assert edge.method is Method.CLICK
    assert older.method is Method.NONE and older.target is None


def test_it_falls_back_to_utm_parameters_then_says_it_could_not() -> None:
    by_utm = attribute(
        OrderFacts(
            placed_at=T0,
            referring_site="https://shop.example/?utm_campaign=Lancement-Serum&utm_content=@Lena",
        ),
        codes=CODES,
        clicks=[],
        links_by_utm=UTM,
    )
    assert by_utm.method is Method.UTM and by_utm.target == LENA
    unknown = attribute(
        OrderFacts(placed_at=T0, codes=("WELCOME10",)), codes=CODES, clicks=[], links_by_utm=UTM
    )
    assert unknown.method is Method.NONE and unknown.reason.code == "attribution.unknown_code"
    nothing = attribute(OrderFacts(placed_at=T0), codes=CODES, clicks=[], links_by_utm=UTM)
    assert nothing.reason.code == "attribution.none"


@given(st.binary(max_size=200), st.text(min_size=1, max_size=40))
def test_signatures_verify_their_own_body_and_nothing_else(body: bytes, secret: str) -> None:
    assert verify_shopify(secret, body, shopify_signature(secret, body))
    assert verify_generic(secret, body, generic_signature(secret, body))
    tampered = body + b" "
    assert not verify_shopify(secret, tampered, shopify_signature(secret, body))
    assert not verify_generic(secret, tampered, generic_signature(secret, body))
    assert not verify_shopify(secret, body, None)
    assert not verify_generic(secret, body, "sha1=" + generic_signature(secret, body)[7:])
    assert not verify_shopify(secret, body, "not base64!")


def test_it_matches_shopifys_documented_digest() -> None:
    # Shopify's digest is base64(HMAC-SHA256(secret, raw body)); checked against hashlib here.
    import base64
    import hashlib
    import hmac

    body = b'{"id":820982911946154508,"email":"jon@example.com"}'
    expected = base64.b64encode(hmac.new(b"hush", body, hashlib.sha256).digest()).decode()
    assert shopify_signature("hush", body) == expected
    assert verify_shopify("hush", body, expected)


def test_every_reason_reads_in_both_languages() -> None:
    from influent.services.i18n import Translator

    reasons = [
        attribute(
            OrderFacts(placed_at=T0, codes=("LENA15",)), codes=CODES, clicks=[], links_by_utm={}
        ),
        attribute(
            OrderFacts(placed_at=T0, landing_site=landing("v1")),
            codes={},
            clicks=[Click(T0, "v1", LENA)],
            links_by_utm={},
        ),
        attribute(
            OrderFacts(
                placed_at=T0, landing_site="/?utm_campaign=lancement-serum&utm_content=@lena"
            ),
            codes={},
            clicks=[],
            links_by_utm=UTM,
        ),
        attribute(OrderFacts(placed_at=T0, codes=("X",)), codes={}, clicks=[], links_by_utm={}),
        attribute(OrderFacts(placed_at=T0), codes={}, clicks=[], links_by_utm={}),
    ]
    assert {r.method for r in reasons} == set(Method)
    for locale in ("en", "fr"):
        for found in reasons:
            text = Translator(locale).say(found.reason)
            assert text != found.reason.code and "{" not in text


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("59.90", "EUR", 5_990),
        ("12,50", "EUR", 1_250),
        ("1.234,50", "EUR", 123_450),
        ("1,234.50", "USD", 123_450),
        ("1 200", "EUR", 120_000),
        ("1,000", "JPY", 1_000),  # a thousand yen: three digits after one separator
        ("1,000", "EUR", 100_000),
        ("0.5", "USD", 50),
        ("", "EUR", 0),
    ],
)
def test_amounts_read_the_way_shops_write_them(text: str, currency: str, minor: int) -> None:
    assert to_minor(text, currency) == minor


@pytest.mark.parametrize("text", ["-5", "twelve", "1e999999", "NaN"])
def test_amounts_that_are_not_refuse_clearly(text: str) -> None:
    with pytest.raises(OrderProblem):
        to_minor(text, "EUR")
