"""Every message said with a count reads right for 0, 1, 2 and 1,000, in both languages.

Babel's rules choose the form: English says "1 post", "0 posts"; French says "0 publication",
"1 publication", "2 publications". No message hedges with "(s)".
"""

from __future__ import annotations

import re

import pytest

from influent.services.i18n import LOCALES, Translator, catalog, plural_form

FORMS = ("zero", "one", "two", "few", "many", "other")
COUNTS = (0, 1, 2, 1000)


def plural_messages(locale: str) -> dict[str, set[str]]:
    """msgid -> the plural forms its catalog writes (a label such as "platform.other" alone
    is not a plural)."""
    found: dict[str, set[str]] = {}
    for key in catalog(locale):
        base, _, form = key.rpartition(".")
        if form in FORMS:
            found.setdefault(base, set()).add(form)
    return {base: forms for base, forms in found.items() if len(forms) > 1}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_it_finds_the_plural_messages() -> None:
    found = plural_messages("en")
    assert len(found) > 40
    assert {"cli.demo.posts", "source.error.timeout", "import.problems"} <= set(found)


@pytest.mark.parametrize("locale", LOCALES)
def test_it_writes_each_plural_message_in_the_form_babel_chooses(locale: str) -> None:
    tr = Translator(locale)
    english = plural_messages("en")
    assert set(plural_messages(locale)) == set(english), "plural messages differ between catalogs"
    bad: list[str] = []
    for msgid, forms in sorted(plural_messages(locale).items()):
        # A plain msgid would win over the forms, and the count would never choose.
        if msgid in catalog(locale):
            bad.append(f"{msgid}: a plain text beside its plural forms")
        for count in COUNTS:
            form = plural_form(locale, count)
            if form not in forms:
                bad.append(f"{msgid}: no “{form}” form for {count}")
                continue
            text = catalog(locale)[f"{msgid}.{form}"]
            names = set().union(*(placeholders(catalog(locale)[f"{msgid}.{f}"]) for f in forms))
            values: dict[str, object] = {name: "x" for name in names} | {"count": count}
            said = tr.t(msgid, **values)
            if "{count}" in text and tr.num(count) not in said:
                bad.append(f"{msgid}: {count} written as {said!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("locale", LOCALES)
def test_it_hedges_no_plural_with_brackets(locale: str) -> None:
    hedged = sorted(k for k, v in catalog(locale).items() if re.search(r"\w\((s|es|en)\)", v))
    assert not hedged, hedged


def test_it_chooses_french_singular_for_zero_and_one() -> None:
    tr = Translator("fr")
    assert tr.t("cli.demo.posts", count=0) == "0 publication"
    assert tr.t("cli.demo.posts", count=1) == "1 publication"
    assert tr.t("cli.demo.posts", count=1000) == "1\u202f000 publications"
    assert Translator("en").t("cli.demo.posts", count=0) == "0 posts"
    assert Translator("en").t("cli.demo.posts", count=1) == "1 post"


# Plural nouns that follow a count; a plain message (no plural forms) must not write one right
# after a placeholder, or a user reads "1 creators", "1 jours de retard".
PLURAL_NOUNS = {
    "en": "accounts answers bytes cells characters clicks columns comments contacts creators days "
    "deals followers items leads likes names orders parts posts rows signals snapshots "
    "subscribers times units views visitors words",
    "fr": "abonnés accords caractères cellules clics colonnes commandes commentaires comptes "
    "contacts créateurs éléments jours lignes mots noms octets parties publications relevés "
    "réponses signaux unités visiteurs vues",
}
# Messages whose number is never 1 (nor 0), so a plain plural noun reads right.
NEVER_ONE = {
    # A limit or a cap, or a count above a limit.
    "accounts.error.short_password": "a minimum length",
    "brandfit.error.too_many": "a limit",
    "outreach.cli.plan_over_cap": "the daily cap",
    "outreach.error.daily_cap": "the daily cap",
    "outreach.error.plan_too_many": "more deals than the most a plan holds",
    "outreach.entry.too_many": "more creators than one addition takes",
    "problem.too_long": "a limit",
    "source.error.too_big": "a limit in bytes",
    "spreadsheet.limit.cell_length": "a limit",
    "spreadsheet.limit.cells": "limits",
    "spreadsheet.limit.columns": "a limit",
    "spreadsheet.limit.members": "a limit",
    "spreadsheet.limit.rows": "a limit",
    # The bounds of a benchmark's follower tier: a range, not a count.
    "benchmark.tiers_differ": "tier bounds",
    "cli.audit.tier": "tier bounds",
    "quality.range": "tier bounds",
    "quality.range.open": "a tier's lower bound",
    "vetting.percentile": "tier bounds",
    # A ratio, not a count.
    "quality.comments_to_likes": "a ratio",
    "quality.engagement.pod.ratio": "a ratio",
    "quality.regularity": "a ratio",
    # Counts with a floor well above 1.
    "event": "an abnormal follower jump, never a single follower",
    "outreach.cli.plan_source.history": "at least planner.MIN_HISTORY (30) settled contacts",
    "pricing.basis.refit": "at least MIN_REFIT_DEALS (5) agreed deals",
    "audience.rates": "the labelled sample the model was measured on: hundreds of accounts",
    "audience.rates_pooled": "the labelled sample the model was measured on: hundreds of accounts",
    # A name, not a number.
    "deal.error.discount_reason": "a tier name (nano, micro…)",
    "deal.warning.discount_level": "a tier name (nano, micro…)",
    "deal.warning.discount_peers": "a tier name (nano, micro…)",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_no_plain_message_writes_a_count_before_a_plural_noun(locale: str) -> None:
    nouns = "|".join(PLURAL_NOUNS[locale].split())
    counted = re.compile(r"\{\w+\}[ \u00a0\u202f]+(?:(?:new|nouveaux) )?(?:" + nouns + r")\b")
    found = sorted(
        key
        for key, text in catalog(locale).items()
        if key.rpartition(".")[2] not in FORMS and key not in NEVER_ONE and counted.search(text)
    )
    assert not found, f"give these .one/.other forms and a count: {found}"


def test_the_never_one_list_holds_only_messages_that_exist() -> None:
    assert set(NEVER_ONE) <= set(catalog("en")) & set(catalog("fr"))


@pytest.mark.parametrize(
    ("locale", "msgid", "values", "said"),
    [
        ("en", "creators.total", {"total": "1", "count": 1}, "1 creator"),
        ("fr", "creators.total", {"total": "0", "count": 0}, "0 créateur"),
        ("en", "outreach.web.overdue", {"days": 1, "count": 1}, "1 day late"),
        ("fr", "outreach.web.overdue", {"days": 2, "count": 2}, "2 jours de retard"),
        (
            "en",
            "vetting.followers_from",
            {"followers": "—", "source": "x", "count": None},
            "— followers (x)",
        ),
        (
            "fr",
            "vetting.followers_from",
            {"followers": "1", "source": "x", "count": 1},
            "1 abonné (x)",
        ),
    ],
)
def test_it_says_counted_messages_in_the_right_form(
    locale: str, msgid: str, values: dict[str, object], said: str
) -> None:
    assert Translator(locale).t(msgid, **values) == said


def test_it_builds_a_sentence_from_two_counted_pieces() -> None:
    en, fr = Translator("en"), Translator("fr")
    rows, orders = en.t("orders.import.rows", count=1), en.t("orders.import.orders", count=3)
    summary = en.t("orders.import.summary", file="a.csv", format="CSV", rows=rows, orders=orders)
    assert summary == "a.csv: CSV, 1 row, 3 orders."
    rows, orders = fr.t("orders.import.rows", count=0), fr.t("orders.import.orders", count=2)
    summary = fr.t("orders.import.summary", file="a.csv", format="CSV", rows=rows, orders=orders)
    assert summary == "a.csv\u202f: CSV, 0 ligne, 2 commandes."
