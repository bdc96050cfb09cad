"""English and French: choosing the language, catalogs, and numbers written the local way."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from influent.domain.platforms import Platform, Tier
from influent.domain.roles import Role
from influent.domain.tabular.creators import Field
from influent.services.accounts import users
from influent.services.core import Influent
from influent.services.creators import EDITABLE
from influent.services.i18n import LOCALES, Translator, catalog, choose_locale, negotiate
from influent_testing import PASSWORD, Team
from web.conftest import Browser

WEB = Path(__file__).parents[2] / "src" / "influent" / "web"
# t("…"), and msgids kept in Python or in template lists before they reach t().
_MSGID = re.compile(
    r"""\bt\(\s*["']([a-z_.]+)["']|["']((?:app|nav|creators?|filters|pager|import|errors|"""
    r"""login|export|field|platform|tier|role|language|source)\.[a-z_.]+)["']"""
)


def used_msgids() -> set[str]:
    found: set[str] = set()
    files = [*WEB.glob("templates/*.html"), *WEB.glob("*.py"), *WEB.glob("routes/*.py")]
    for path in files:
        for literal, listed in _MSGID.findall(path.read_text(encoding="utf-8")):
            msgid = literal or listed
            if not msgid.endswith((".", ".html")):
                found.add(msgid)
    # Built from a prefix and a value: every value the app can show.
    found |= {f"platform.{p.value}" for p in Platform}
    found |= {f"tier.{t.value}" for t in Tier}
    found |= {f"role.{r.value}" for r in Role}
    found |= {f"field.{f.value}" for f in Field} | {f"field.{k}" for k in EDITABLE}
    found |= {f"language.{code}" for code in LOCALES}
    found |= {f"filters.{name}" for name in ("platform", "tier", "min_followers", "max_followers")}
    found |= {"source.import", "source.manual"}
    return found


def test_it_has_every_message_in_both_catalogs() -> None:
    used = used_msgids()
    assert len(used) > 100
    for locale in LOCALES:
        known = set(catalog(locale))
        # A message said with a count may have only its plural forms (msgid.one, msgid.other).
        missing = sorted(m for m in used if m not in known and f"{m}.other" not in known)
        assert not missing, f"{locale}.json lacks {missing}"


def test_it_keeps_both_catalogs_in_step() -> None:
    english, french = catalog("en"), catalog("fr")
    assert set(english) == set(french)
    for msgid, text in english.items():
        fields = set(re.findall(r"\{(\w+)\}", text))
        assert fields == set(re.findall(r"\{(\w+)\}", french[msgid])), msgid


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7", "fr"),
        ("en-GB", "en"),
        ("de", None),
        ("", None),
        ("fr;q=0", None),
    ],
)
def test_it_reads_the_browser_s_languages(header: str, expected: str | None) -> None:
    assert negotiate(header) == expected


def test_it_lets_the_saved_preference_win() -> None:
    choose = choose_locale
    assert choose(user_locale="en", session_locale="fr", accept_language="fr", default="fr") == "en"
    assert choose(user_locale=None, session_locale=None, accept_language="fr", default="en") == "fr"
    assert choose(user_locale=None, session_locale=None, accept_language="de", default="fr") == "fr"


def test_it_writes_numbers_the_french_way() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert fr.num(150_000) == "150\u202f000"
    assert fr.pct(0.053) == "5,3\u00a0%"
    assert en.num(150_000) == "150,000"
    assert en.pct(0.053) == "5.3%"
    assert en.count(10_000, exact=False) == "10,000+"
    assert fr.count(10_000, exact=False) == "10\u202f000+"
    assert fr.t("creators.total", total="3", count=3) == "3 créateurs"
    assert fr.t("creators.total", total="1", count=1) == "1 créateur"
    assert fr.label("platform", "other") == "Autre"
    assert fr.label("source", "tiktok-scraper") == "tiktok-scraper"
    assert fr.date(datetime(2025, 3, 14, tzinfo=UTC)) == "14 mars 2025"


def test_it_follows_the_browser_language(anonymous: Browser) -> None:
    page = anonymous.get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    assert '<html lang="fr">' in page
    assert "Mot de passe" in page
    assert "Password" in anonymous.get("/login", headers={"Accept-Language": "en-US"}).text


def test_it_prefers_the_user_s_saved_language(
    app_client: Callable[[], Browser],
    team: Team,
    influent: Influent,
    make_creator: Callable[..., int],
) -> None:
    make_creator("lea.cuisine", followers=150_000, engagement_rate=0.053)
    client = app_client()
    french = {"Accept-Language": "fr"}
    client.refresh_csrf()
    client.submit("/settings/language", {"locale": "fr"})
    client.login(team.member.email)
    assert "Créateurs" in client.get("/creators", headers=french).text
    response = client.submit(
        "/settings/language", {"locale": "en", "next": "/creators?q=lea"}, headers=french
    )
    assert response.url.path == "/creators"
    page = client.get("/creators", headers=french).text
    assert "1 creator<" in page and "150,000" in page
    # Saved on the user: another browser sees it too.
    other = app_client().login(team.member.email)
    assert '<html lang="en">' in other.get("/creators", headers=french).text
    client.submit("/settings/language", {"locale": "fr"})
    page = client.get("/creators").text
    assert "1 créateur<" in page and "150\u202f000" in page and "5,3\u00a0%" in page


def test_it_refuses_an_unknown_language(owner: Browser) -> None:
    assert owner.submit("/settings/language", {"locale": "de"}).status_code == 400


def test_it_translates_every_row_problem_with_the_same_placeholders() -> None:
    import json
    import string
    from pathlib import Path

    from influent.domain.values import PROBLEMS

    locales = Path(__file__).parents[2] / "src" / "influent" / "services" / "locales"
    english = json.loads((locales / "problems.en.json").read_text(encoding="utf-8"))
    french = json.loads((locales / "problems.fr.json").read_text(encoding="utf-8"))
    # The English catalog is the domain's own sentences, so the two cannot drift apart.
    assert english == {f"problem.{code}": text for code, text in PROBLEMS.items()}

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert {k: fields(v) for k, v in french.items()} == {k: fields(v) for k, v in english.items()}


def test_it_shows_import_problems_in_french(owner: Browser, tmp_path: Path) -> None:
    path = tmp_path / "fr.csv"
    path.write_bytes("Nom;Pseudo;Réseau;Abonnés\nBad;@bad;Instagram;abc\n".encode("cp1252"))
    owner.post("/settings/language", data={"csrf_token": owner.csrf, "locale": "fr"})
    with path.open("rb") as handle:
        page = owner.post(
            "/import",
            data={"csrf_token": owner.csrf},
            files={"file": ("fr.csv", handle, "text/csv")},
        )
    assert "«\u00a0abc\u00a0» n’est pas un nombre" in html.unescape(page.text)


def test_it_translates_every_sentence_the_analysis_writes() -> None:
    """Reasons and methods come from the analysis as messages; the French UI shows them in French."""
    from influent.analytics.changepoints import detect_follower_events
    from influent.domain.activity import cadence, growth
    from influent.domain.benchmarks import percentile_in_tier
    from influent.domain.content import PostData
    from influent.domain.metrics import comments_to_likes, engagement_rate, engagement_trend
    from influent.domain.sponsorship import disclosure_check, sponsored_share

    now = datetime(2025, 1, 1, tzinfo=UTC)
    bare = [PostData("p", now)]
    no_likes = [PostData("p", now, likes=0, comments=3)]
    sentences = [
        engagement_rate(Platform.BLOG, [], None).reason,
        engagement_rate(Platform.PODCAST, [], None).reason,
        engagement_rate(Platform.INSTAGRAM, [], None).reason,
        engagement_rate(Platform.INSTAGRAM, [], None).method,
        engagement_rate(Platform.YOUTUBE, [], None).method,
        engagement_rate(Platform.INSTAGRAM, [], 1_000).reason,
        engagement_rate(Platform.INSTAGRAM, bare, 1_000).reason,
        engagement_rate(Platform.YOUTUBE, bare, 1_000).reason,
        engagement_trend(Platform.INSTAGRAM, bare, 1_000, now=now).reason,
        engagement_trend(Platform.INSTAGRAM, bare, None, now=now).reason,
        comments_to_likes(bare).reason,
        comments_to_likes(no_likes).reason,
        cadence([], now=now).reason,
        cadence([PostData(str(i), now) for i in range(3)], now=now).reason,
        growth([], now=now)[0].reason,
        detect_follower_events([]).reason,
        detect_follower_events([]).method,
        detect_follower_events([(now.date(), 10)]).reason,
        sponsored_share([]).reason,
        percentile_in_tier(0.05, Platform.INSTAGRAM, None).reason,  # type: ignore[union-attr]
        percentile_in_tier(0.05, Platform.INSTAGRAM, 50_000).assumption,  # type: ignore[union-attr]
        disclosure_check([]).rule,
    ]
    french, english = Translator("fr"), Translator("en")
    for sentence in sentences:
        assert sentence, sentence
        translated = french.say(sentence)
        assert translated != english.say(sentence), f"no French for: {sentence}"
        assert "{" not in translated, translated
    assert english.say(sentences[0]) == "not applicable: " + english.t("engagement.why.blog")
    assert french.t("a.message.nobody.wrote") == "a.message.nobody.wrote"
    assert french.say(engagement_rate(Platform.INSTAGRAM, bare, 1_000).reason) == (
        "aucune publication récente n’indique de j’aime ou de commentaires"
    )


def test_an_account_without_a_language_keeps_the_login_page_s(
    app_client: Callable[[], Browser], team: Team, influent: Influent
) -> None:
    client = app_client()
    page = client.get("/login", headers={"Accept-Language": "en-GB"}).text
    assert "Once you are logged in, Influent speaks the language saved on your account" in page
    client.login(team.member.email)
    # The browser asks for French later: the account now has English saved, from the login page.
    assert '<html lang="en">' in client.get("/creators", headers={"Accept-Language": "fr"}).text
    with influent.session() as session:
        assert users.actor_for_user(session, team.member.user_id).locale  # type: ignore[union-attr] == "en"


def test_an_account_with_a_language_says_so_after_login(
    app_client: Callable[[], Browser], team: Team, influent: Influent
) -> None:
    with influent.session() as session:
        users.set_locale(session, user_id=team.member.user_id, locale="fr")
    client = app_client()
    assert "Log in" in client.get("/login").text
    client.refresh_csrf()
    client.post(
        "/login",
        data={"email": team.member.email, "password": PASSWORD, "csrf_token": client.csrf},
        follow_redirects=False,
    )
    page = client.get("/creators").text
    assert '<html lang="fr">' in page
    assert "Influent parle désormais la langue enregistrée sur votre compte" in page
    # Said once, and not at all when the login page already spoke the account's language.
    assert "Influent parle désormais" not in client.get("/creators").text
    again = app_client()
    again.refresh_csrf()
    again.submit("/settings/language", {"locale": "fr"})
    again.login(team.member.email)
    assert "Influent parle désormais" not in again.get("/creators").text
