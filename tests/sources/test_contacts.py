"""Contact hints in bios and descriptions, in English and French."""

from __future__ import annotations

import pytest

from influent.domain.contacts import extract_contacts

ENGLISH_BIO = """Travel & food 🌍 | Lisbon based
Business inquiries: hello@wanderplates.com
Management: Bright Talent Agency — jane [at] brighttalent [dot] co
New vlog every Sunday → https://youtube.com/@wanderplates
Shop my presets: wanderplates.shop/presets."""

FRENCH_BIO = """Cuisine végétale et voyages ✨
📩 Contact pro : contact (at) lacuisinedeclara.fr
Partenariats & collaborations : agence MILK — booking@milk-agency.fr
Représentée par l'agence Milk
🔗 www.lacuisinedeclara.fr"""


def test_it_finds_emails_websites_and_business_lines_in_an_english_bio():
    hints = extract_contacts(ENGLISH_BIO)
    assert hints.emails == ("hello@wanderplates.com", "jane@brighttalent.co")
    assert hints.websites == (
        "https://youtube.com/@wanderplates",
        "https://wanderplates.shop/presets",
    )
    assert hints.agent_lines == (
        "Business inquiries: hello@wanderplates.com",
        "Management: Bright Talent Agency — jane [at] brighttalent [dot] co",
    )


def test_it_finds_emails_websites_and_business_lines_in_a_french_bio():
    hints = extract_contacts(FRENCH_BIO)
    assert hints.emails == ("contact@lacuisinedeclara.fr", "booking@milk-agency.fr")
    assert hints.websites == ("https://www.lacuisinedeclara.fr",)
    assert hints.agent_lines == (
        "📩 Contact pro : contact (at) lacuisinedeclara.fr",
        "Partenariats & collaborations : agence MILK — booking@milk-agency.fr",
        "Représentée par l'agence Milk",
    )


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("name [at] domain [dot] com", "name@domain.com"),
        ("contact (at) x.fr", "contact@x.fr"),
        ("hello {at} studio {dot} io", "hello@studio.io"),
        ("nom [arobase] site [point] fr", "nom@site.fr"),
        ("press AT bigchannel DOT co DOT uk", "press@bigchannel.co.uk"),
        ("Mail: <Hello.World+yt@Example.COM>.", "hello.world+yt@example.com"),
        ("mailto:collab@creator.tv", "collab@creator.tv"),
    ],
)
def test_it_reads_obfuscated_and_decorated_emails(text, email):
    assert extract_contacts(text).emails == (email,)


@pytest.mark.parametrize(
    "text",
    [
        "We met at the beach at dawn.",
        "Retina logo@2x.png in the header",
        "Replies go nowhere: noreply@blogger.com",
        "Written in Node.js, not a website",
    ],
)
def test_it_does_not_invent_contacts(text):
    hints = extract_contacts(text)
    assert hints.emails == ()
    assert hints.websites == ()


def test_it_merges_several_texts_without_repeating_itself():
    hints = extract_contacts(
        "Write to me: me@site.com", None, "", "ME@SITE.COM or https://site.com/"
    )
    assert hints.emails == ("me@site.com",)
    assert hints.websites == ("https://site.com/",)


def test_it_ignores_everyday_lines():
    hints = extract_contacts("Follow us for updates on Facebook’s business tools, AI, AR, VR.")
    assert hints.agent_lines == ()
