"""The creators schema: one creator and one of their accounts per row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import lru_cache

from influent.domain.geo import normalise_country, normalise_language
from influent.domain.platforms import PLATFORM_ALIASES, Platform
from influent.domain.tabular.schema import Column, RowSchema
from influent.domain.values import (
    ValueProblem,
    normalise_key,
    parse_count,
    parse_email,
    parse_percent,
    parse_text,
)

__all__ = ["CREATORS", "Field", "parse_overrides", "parse_platform"]


class Field(StrEnum):
    INFLUENT_ID = "influent_id"
    NAME = "name"
    HANDLE = "handle"
    # Written by the export ("to_confirm" beside an empty handle); read back and ignored.
    HANDLE_STATUS = "handle_status"
    PLATFORM = "platform"
    URL = "url"
    EXTERNAL_ID = "external_id"
    FOLLOWERS = "followers"
    FOLLOWING = "following"
    POSTS = "posts"
    ENGAGEMENT = "engagement"
    EMAIL = "email"
    AGENT = "agent"
    COUNTRY = "country"
    LANGUAGE = "language"
    CATEGORY = "category"
    TAGS = "tags"
    NOTES = "notes"


@lru_cache(maxsize=1024)
def parse_platform(value: object) -> Platform:
    """'Insta', 'YouTube', 'Plateforme TikTok'… as a Platform."""
    key = normalise_key(str(value))
    if key in PLATFORM_ALIASES:
        return PLATFORM_ALIASES[key]
    raise ValueProblem("unknown_platform", text=value, known=", ".join(p.value for p in Platform))


def _text(limit: int) -> Callable[[object], object]:
    return lambda value: parse_text(value, max_length=limit)


def _normalised(normalise: Callable[[str], str]) -> Callable[[object], object]:
    def parse(value: object) -> str | None:
        text = parse_text(value)
        return None if text is None else normalise(text)

    return parse


def _col(
    name: Field,
    english: tuple[str, ...],
    french: tuple[str, ...],
    parse: Callable[[object], object] | None,
    kind: str,
    *,
    max_length: int | None = None,
    columnar: bool = True,
) -> Column[Field]:
    return Column(name, english, french, parse, kind, max_length, columnar=columnar)


# Handles and URLs are read together into one account (domain.accounts.parse_account);
# links, ids and merges are rare in bulk lists, so a columnar reader leaves them to the parser.
CREATORS: RowSchema[Field] = RowSchema(
    kind="creators",
    columns=(
        _col(Field.INFLUENT_ID, ("influent id",), (), parse_count, "count", columnar=False),
        _col(
            Field.NAME,
            ("name", "full name", "creator", "influencer", "creator name", "contact"),
            (
                "nom",
                "nom complet",
                "prenom nom",
                "createur",
                "createurice",
                "creatrice",
                "influenceur",
                "influenceuse",
                "nom du createur",
                "nom de l influenceur",
            ),
            _text(300),
            "text",
            max_length=300,
        ),
        _col(
            Field.HANDLE,
            ("handle", "username", "user name", "account", "@", "channel name"),
            (
                "pseudo",
                "pseudonyme",
                "nom d utilisateur",
                "identifiant",
                "compte",
                "nom de la chaine",
            ),
            None,
            "handle",
        ),
        _col(
            Field.HANDLE_STATUS,
            ("handle status",),
            ("statut du pseudo",),
            _text(40),
            "text",
            max_length=40,
        ),
        _col(
            Field.PLATFORM,
            ("platform", "network", "social network", "media"),
            ("plateforme", "plate forme", "reseau", "reseau social", "reseaux sociaux", "support"),
            parse_platform,
            "platform",
        ),
        _col(
            Field.URL,
            ("url", "link", "profile url", "profile link", "profile", "website", "web"),
            ("lien", "lien profil", "lien du profil", "profil", "site", "site web"),
            None,
            "url",
            columnar=False,
        ),
        _col(
            Field.EXTERNAL_ID,
            ("external id", "channel id", "platform id"),
            ("id externe",),
            parse_text,
            "text",
            columnar=False,
        ),
        _col(
            Field.FOLLOWERS,
            (
                "followers",
                "subscribers",
                "subs",
                "audience",
                "fans",
                "nb followers",
                "followers count",
                "follower count",
            ),
            (
                "abonnes",
                "abonnees",
                "nb abonnes",
                "nombre d abonnes",
                "nombre abonnes",
                "communaute",
            ),
            parse_count,
            "count",
        ),
        _col(
            Field.FOLLOWING,
            ("following", "follows"),
            ("abonnements", "suivis"),
            parse_count,
            "count",
        ),
        _col(
            Field.POSTS,
            ("posts", "nb posts", "media count", "videos", "episodes"),
            ("publications", "nombre de publications"),
            parse_count,
            "count",
        ),
        _col(
            Field.ENGAGEMENT,
            (
                "engagement",
                "engagement rate",
                "er",
                "eng rate",
                "engagement %",
                "engagement rate %",
            ),
            (
                "taux d engagement",
                "taux engagement",
                "taux d engagement %",
                "tx engagement",
                "te",
            ),
            parse_percent,
            "percent",
        ),
        _col(
            Field.EMAIL,
            ("email", "e mail", "mail", "contact email", "email address"),
            ("courriel", "adresse email", "adresse e mail", "adresse mail"),
            parse_email,
            "email",
        ),
        _col(
            Field.AGENT,
            ("agent", "agency", "management", "manager", "talent manager"),
            ("agence",),
            _text(2000),
            "text",
            max_length=2000,
        ),
        _col(
            Field.COUNTRY,
            ("country", "location"),
            ("pays", "localisation"),
            _normalised(normalise_country),
            "lookup",
            max_length=2000,
        ),
        _col(
            Field.LANGUAGE,
            ("language", "lang"),
            ("langue", "langues"),
            _normalised(normalise_language),
            "lookup",
            max_length=2000,
        ),
        _col(
            Field.CATEGORY,
            ("category", "categories", "niche", "theme", "topic"),
            ("categorie", "thematique", "secteur", "univers", "verticale"),
            _text(2000),
            "text",
            max_length=2000,
        ),
        _col(
            Field.TAGS,
            ("tags", "tag", "labels"),
            ("etiquettes", "etiquette", "listes", "liste"),
            _text(2000),
            "text",
            max_length=2000,
        ),
        _col(
            Field.NOTES,
            ("notes", "note", "comments"),
            ("commentaire", "commentaires", "remarques", "remarque", "observations"),
            _text(2000),
            "text",
            max_length=2000,
        ),
    ),
    required=((Field.HANDLE, Field.URL),),
    merge_key=(Field.PLATFORM, Field.HANDLE),
    qualified_headers=True,
)


def parse_overrides(specs: Iterable[str]) -> dict[str, Field | None]:
    """Read '--map "Colonne X=followers"' options for a creators file; '=ignore' drops a column."""
    return CREATORS.parse_overrides(specs)
