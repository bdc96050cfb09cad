"""Tracked-link rules: UTM merging, keys and destinations a short link may send people to."""

from __future__ import annotations

from itertools import islice
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influent.domain.links import (
    LinkRuleError,
    check_destination,
    check_key,
    key_candidates,
    normalise_domain,
    utm_of,
    with_utm,
)

UTM = {
    "utm_source": "instagram",
    "utm_medium": "influencer",
    "utm_campaign": "serum-launch",
    "utm_content": "lena",
}
ALLOWED = ["maisonverte.fr"]


def test_it_adds_the_ga4_parameters_in_order() -> None:
    url = with_utm("https://maisonverte.fr/serum", UTM).url
    assert url == (
        "https://maisonverte.fr/serum?utm_source=instagram&utm_medium=influencer"
        "&utm_campaign=serum-launch&utm_content=lena"
    )


def test_it_keeps_an_existing_query_string_as_written() -> None:
    url = with_utm("https://maisonverte.fr/p?color=vert+clair&flag&size=M#avis", UTM).url
    assert url.startswith("https://maisonverte.fr/p?color=vert+clair&flag&size=M&utm_source=")
    assert url.endswith("#avis")


def test_it_never_duplicates_a_utm_parameter() -> None:
    url = with_utm(
        "https://maisonverte.fr/?utm_source=newsletter&UTM_MEDIUM=x&utm_term=a&utm_term=b", UTM
    ).url
    names = [name.lower() for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]
    assert sorted(names) == sorted(set(names))
    assert dict(parse_qsl(urlsplit(url).query))["utm_source"] == "instagram"
    assert dict(parse_qsl(urlsplit(url).query))["utm_term"] == "a"


def test_it_encodes_utm_values() -> None:
    url = with_utm("https://maisonverte.fr/", {"utm_content": "léna & co"}).url
    assert url == "https://maisonverte.fr/?utm_content=l%C3%A9na%20%26%20co"
    assert utm_of(url) == {"utm_content": "léna & co"}


_query_piece = st.from_regex(r"[a-zA-Z_]{1,8}=[a-z0-9%+]{0,6}", fullmatch=True)


@given(
    pieces=st.lists(st.one_of(_query_piece, st.sampled_from(["utm_source=x", "utm_medium=y"]))),
    values=st.fixed_dictionaries({}, optional={k: st.text(min_size=1, max_size=10) for k in UTM}),
)
def test_each_utm_parameter_appears_once_and_others_are_kept(
    pieces: list[str], values: dict[str, str]
) -> None:
    url = "https://maisonverte.fr/p?" + "&".join(pieces)
    result = with_utm(url, values).url
    query = urlsplit(result).query
    names = [p.partition("=")[0].lower() for p in query.split("&") if p]
    utm_names = [n for n in names if n.startswith("utm_")]
    assert len(utm_names) == len(set(utm_names))
    for piece in pieces:
        if not piece.lower().startswith("utm_"):
            assert piece in query.split("&")
    for name, value in values.items():
        assert utm_of(result)[name] == value


def test_it_accepts_readable_keys_and_keeps_their_case() -> None:
    assert check_key("Lena-Serum") == "Lena-Serum"
    assert check_key("a") == "a"


@pytest.mark.parametrize(
    "key",
    [
        "",
        "-lena",
        "lena-",
        "lena serum",
        "lena/serum",
        "lena\r\nSet-Cookie:x",
        "l%0d",
        "é",
        "a" * 65,
        "api",
    ],
)
def test_it_refuses_keys_that_are_not_plain_words(key: str) -> None:
    with pytest.raises(LinkRuleError):
        check_key(key)


def test_it_suggests_readable_keys_from_the_handle_and_the_campaign() -> None:
    assert list(islice(key_candidates("@Léna.Beauté", "serum-launch-2027"), 3)) == [
        "lena-beaute-serum",
        "lena-beaute-serum-2",
        "lena-beaute-serum-3",
    ]


@given(st.text(max_size=80), st.text(max_size=80))
def test_suggested_keys_are_always_valid(handle: str, campaign: str) -> None:
    for key in islice(key_candidates(handle, campaign), 2):
        assert check_key(key) == key


def test_it_accepts_a_destination_on_an_allowed_domain_or_subdomain() -> None:
    assert check_destination("https://maisonverte.fr/serum?x=1", ALLOWED) == (
        "https://maisonverte.fr/serum?x=1"
    )
    assert check_destination("HTTPS://Shop.MaisonVerte.fr:8443/a", ALLOWED) == (
        "https://shop.maisonverte.fr:8443/a"
    )
    assert check_destination("https://maisonverte.fr/crème", ALLOWED) == (
        "https://maisonverte.fr/cr%C3%A8me"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "https://maisonverte.fr.evil.example/",
        "https://evilmaisonverte.fr/",
        "//evil.example/",
        "//maisonverte.fr/",
        "https:evil.example",
        "https:maisonverte.fr",
        "https:/maisonverte.fr/",
        "javascript:alert(1)//maisonverte.fr",
        "JavaScript://maisonverte.fr/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://maisonverte.fr/",
        "https://maisonverte.fr/\r\nSet-Cookie: a=b",
        "https://maisonverte.fr/%0d%0a\nLocation: https://evil.example",
        "https://maisonverte.fr\\@evil.example/",
        "https://maisonverte.fr@evil.example/",
        "https://user:pw@maisonverte.fr/",
        "https://evil.example\\.maisonverte.fr/",
        "https://evil.example#.maisonverte.fr",
        "https://evil.example?.maisonverte.fr",
        " https://maisonverte.fr/",
        "https://maisonverte.fr:99999/",
        "https:///maisonverte.fr",
        "/relative/path",
        "",
    ],
)
def test_it_refuses_destinations_that_could_become_an_open_redirect(url: str) -> None:
    with pytest.raises(LinkRuleError):
        check_destination(url, ALLOWED)


def test_it_refuses_every_destination_while_no_domain_is_allowed() -> None:
    with pytest.raises(LinkRuleError) as error:
        check_destination("https://maisonverte.fr/", [])
    assert error.value.code == "links.error.no_domains"


@given(st.text(max_size=60))
def test_an_accepted_destination_is_always_on_an_allowed_host(text: str) -> None:
    for url in (text, "https://" + text, "https://maisonverte.fr" + text):
        try:
            checked = check_destination(url, ALLOWED)
        except LinkRuleError:
            continue
        parts = urlsplit(checked)
        assert parts.scheme in ("http", "https")
        assert parts.hostname is not None
        assert parts.hostname == "maisonverte.fr" or parts.hostname.endswith(".maisonverte.fr")
        assert all(32 < ord(c) < 127 for c in checked)


def test_it_normalises_domains_and_refuses_what_is_not_a_host() -> None:
    assert normalise_domain(" https://Shop.MaisonVerte.FR/ ") == "shop.maisonverte.fr"
    assert normalise_domain("café.fr") == "xn--caf-dma.fr"
    for bad in ("", "evil.example/path", "a b.fr", "*.fr", "fr:80"):
        with pytest.raises(LinkRuleError):
            normalise_domain(bad)
