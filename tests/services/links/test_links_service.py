"""Creating tracked links: UTM defaults, readable keys, allowed domains, QR codes."""

from __future__ import annotations

import pytest

from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.services.links import (
    LinkError,
    add_link_domain,
    create_link,
    find_link,
    link_days,
    link_domains,
    list_links,
    qr_code,
    remove_link_domain,
)
from influent_testing import seed_link_campaign


def test_it_creates_a_link_with_ga4_utm_defaults_and_a_readable_key(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = seed_link_campaign(influent, workspace_id)
    with influent.session() as session:
        link = create_link(
            session,
            workspace_id=workspace_id,
            creator="@Lena",
            campaign="serum-launch",
            to="https://maisonverte.fr/serum?ref=ig",
        )
        assert link.key == "lena-serum"
        assert link.campaign_id == campaign_id and link.creator_id is not None
        assert link.target_url == (
            "https://maisonverte.fr/serum?ref=ig&utm_source=instagram&utm_medium=influencer"
            "&utm_campaign=serum-launch&utm_content=lena"
        )
    with influent.session() as session:
        second = create_link(
            session, workspace_id=workspace_id, creator="lena", campaign=campaign_id
        )
        assert second.key == "lena-serum-2"
        assert second.destination == "https://maisonverte.fr/serum"  # the campaign's landing page
        keys = [link.key for link in list_links(session, workspace_id=workspace_id)]
        assert keys == ["lena-serum-2", "lena-serum"]
        assert find_link(session, workspace_id=workspace_id, ref="LENA-SERUM").id == link.id


def test_a_utm_on_the_destination_beats_the_default_and_an_override_beats_both(
    influent: Influent, workspace_id: int
) -> None:
    seed_link_campaign(influent, workspace_id)
    with influent.session() as session:
        link = create_link(
            session,
            workspace_id=workspace_id,
            creator="@lena",
            campaign="serum-launch",
            to="https://maisonverte.fr/?utm_source=stories&utm_term=spf",
            utm={"utm_medium": "paid-influencer"},
        )
        assert link.utm_source == "stories"
        assert link.utm_medium == "paid-influencer"
        assert link.target_url.count("utm_source") == 1
        assert "utm_term=spf" in link.target_url


def test_it_refuses_a_destination_outside_the_workspace_domains(
    influent: Influent, workspace_id: int
) -> None:
    seed_link_campaign(influent, workspace_id)
    for url in ("https://evil.example/", "//evil.example", "https:evil.example", "javascript:x"):
        with influent.session() as session, pytest.raises(LinkError) as refused:
            create_link(
                session, workspace_id=workspace_id, creator="@lena", campaign="serum-launch", to=url
            )
        assert refused.value.code.startswith("links.error.destination")
    with influent.session() as session:
        assert list_links(session, workspace_id=workspace_id) == []
    message = Translator("fr").say(refused.value.message)
    assert message.startswith("«\u00a0javascript:x\u00a0» doit commencer")


def test_it_refuses_a_taken_key_in_any_case_and_an_unknown_creator(
    influent: Influent, workspace_id: int
) -> None:
    seed_link_campaign(influent, workspace_id)
    with influent.session() as session:
        create_link(
            session, workspace_id=workspace_id, creator="@lena", campaign="serum-launch", key="Lena"
        )
    with influent.session() as session, pytest.raises(LinkError) as taken:
        create_link(
            session, workspace_id=workspace_id, creator="@lena", campaign="serum-launch", key="LENA"
        )
    assert taken.value.code == "links.error.key_taken"
    with influent.session() as session, pytest.raises(LinkError) as unknown:
        create_link(session, workspace_id=workspace_id, creator="@nobody", campaign="serum-launch")
    assert unknown.value.code == "links.error.creator_not_found"


def test_it_keeps_the_allowed_domains_normalised_and_sorted(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        add_link_domain(session, workspace_id=workspace_id, domain="https://Shop.Example.com/")
        assert add_link_domain(session, workspace_id=workspace_id, domain="maisonverte.fr") == [
            "maisonverte.fr",
            "shop.example.com",
        ]
        with pytest.raises(LinkError):
            add_link_domain(session, workspace_id=workspace_id, domain="not a domain")
    with influent.session() as session:
        remove_link_domain(session, workspace_id=workspace_id, domain="SHOP.example.com")
        assert link_domains(session, workspace_id=workspace_id) == ["maisonverte.fr"]


def test_a_new_link_has_zero_counters_and_no_days(influent: Influent, workspace_id: int) -> None:
    seed_link_campaign(influent, workspace_id)
    with influent.session() as session:
        link = create_link(
            session, workspace_id=workspace_id, creator="@lena", campaign="serum-launch"
        )
        stats = link_days(session, link=link)
        assert (stats.human, stats.bot, stats.visitors, stats.days) == (0, 0, 0, [])


def test_it_draws_qr_codes_as_svg_and_png() -> None:
    svg = qr_code("https://go.example.com/r/lena-serum")
    assert svg.startswith(b"<svg") and b"</svg>" in svg
    png = qr_code("https://go.example.com/r/lena-serum", kind="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
