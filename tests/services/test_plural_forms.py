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
