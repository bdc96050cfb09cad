"""Recognising a creator spreadsheet's columns in English and French."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from influent.domain.values import normalise_key

__all__ = ["ColumnMapping", "Field", "find_header_row", "map_columns", "parse_overrides"]


class Field(StrEnum):
    INFLUENT_ID = "influent_id"
    NAME = "name"
    HANDLE = "handle"
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


# Spellings are compared after normalise_key(): lower-case, no accents, punctuation as spaces.
SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.INFLUENT_ID: ("influent id", "influent_id"),
    Field.NAME: (
        "name",
        "nom",
        "full name",
        "nom complet",
        "prenom nom",
        "creator",
        "createur",
        "createurice",
        "creatrice",
        "influencer",
        "influenceur",
        "influenceuse",
        "creator name",
        "nom du createur",
        "nom de l influenceur",
        "contact",
    ),
    Field.HANDLE: (
        "handle",
        "pseudo",
        "pseudonyme",
        "username",
        "user name",
        "nom d utilisateur",
        "identifiant",
        "account",
        "compte",
        "@",
        "channel name",
        "nom de la chaine",
    ),
    Field.PLATFORM: (
        "platform",
        "plateforme",
        "plate forme",
        "reseau",
        "reseau social",
        "reseaux sociaux",
        "network",
        "social network",
        "media",
        "support",
    ),
    Field.URL: (
        "url",
        "lien",
        "link",
        "profile url",
        "profile link",
        "lien profil",
        "lien du profil",
        "profil",
        "profile",
        "website",
        "site",
        "site web",
        "web",
    ),
    Field.EXTERNAL_ID: ("external id", "id externe", "channel id", "platform id"),
    Field.FOLLOWERS: (
        "followers",
        "abonnes",
        "abonnees",
        "subscribers",
        "subs",
        "audience",
        "fans",
        "nb abonnes",
        "nombre d abonnes",
        "nombre abonnes",
        "followers count",
        "follower count",
        "nb followers",
        "communaute",
    ),
    Field.FOLLOWING: ("following", "abonnements", "follows", "suivis"),
    Field.POSTS: (
        "posts",
        "publications",
        "nb posts",
        "nombre de publications",
        "media count",
        "videos",
        "episodes",
    ),
    Field.ENGAGEMENT: (
        "engagement",
        "taux d engagement",
        "taux engagement",
        "engagement rate",
        "er",
        "eng rate",
        "engagement %",
        "taux d engagement %",
        "engagement rate %",
        "tx engagement",
        "te",
    ),
    Field.EMAIL: (
        "email",
        "e mail",
        "mail",
        "courriel",
        "adresse email",
        "adresse e mail",
        "contact email",
        "email address",
        "adresse mail",
    ),
    Field.AGENT: ("agent", "agence", "agency", "management", "manager", "talent manager"),
    Field.COUNTRY: ("country", "pays", "location", "localisation"),
    Field.LANGUAGE: ("language", "langue", "lang", "langues"),
    Field.CATEGORY: (
        "category",
        "categorie",
        "categories",
        "niche",
        "thematique",
        "theme",
        "topic",
        "secteur",
        "univers",
        "verticale",
    ),
    Field.TAGS: ("tags", "tag", "etiquettes", "etiquette", "labels", "listes", "liste"),
    Field.NOTES: (
        "notes",
        "note",
        "commentaire",
        "commentaires",
        "remarques",
        "remarque",
        "observations",
        "comments",
    ),
}
_LOOKUP: dict[str, Field] = {
    normalise_key(spelling) or spelling: fld
    for fld, spellings in SYNONYMS.items()
    for spelling in spellings
}


@dataclass(slots=True)
class ColumnMapping:
    """Which column feeds which field; unknown columns become custom fields."""

    fields: dict[int, Field] = field(default_factory=dict)
    custom: dict[int, str] = field(default_factory=dict)
    ignored: dict[int, str] = field(default_factory=dict)

    def column_of(self, fld: Field) -> int | None:
        return next((i for i, f in self.fields.items() if f is fld), None)


def recognise(header: str) -> Field | None:
    """The field a header names, if any ('Abonnés (Instagram)' -> followers)."""
    key = normalise_key(header)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    # Drop a trailing qualifier: 'abonnes instagram', 'email pro', 'taux d engagement moyen'.
    words = key.split()
    for cut in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:cut])
        if candidate in _LOOKUP and len(candidate) > 2:
            return _LOOKUP[candidate]
    return None


def parse_overrides(specs: list[str]) -> dict[str, Field | None]:
    """Read '--map "Colonne X=followers"' options; '=ignore' drops a column."""
    result: dict[str, Field | None] = {}
    for spec in specs:
        header, sep, target = spec.rpartition("=")
        if not sep or not header.strip():
            raise ValueError(f"--map needs 'Column name=field', got “{spec}”")
        target = target.strip().lower()
        if target in ("ignore", "skip", "ignorer"):
            result[normalise_key(header)] = None
            continue
        try:
            result[normalise_key(header)] = Field(target)
        except ValueError:
            known = ", ".join(f.value for f in Field)
            raise ValueError(f"--map: unknown field “{target}” (known: {known}, ignore)") from None
    return result


def map_columns(
    headers: list[str], overrides: dict[str, Field | None] | None = None
) -> ColumnMapping:
    """Map headers to fields. The first column claiming a field wins; later ones stay custom."""
    overrides = overrides or {}
    mapping = ColumnMapping()
    taken: set[Field] = set()
    for index, header in enumerate(headers):
        key = normalise_key(header)
        if key in overrides:
            target = overrides[key]
            if target is None:
                mapping.ignored[index] = header
                continue
            mapping.fields[index] = target
            taken.add(target)
    for index, header in enumerate(headers):
        if index in mapping.fields or index in mapping.ignored:
            continue
        if not header.strip():
            mapping.ignored[index] = header
            continue
        found = recognise(header)
        if found is not None and found not in taken:
            mapping.fields[index] = found
            taken.add(found)
        else:
            mapping.custom[index] = header.strip()
    return mapping


def find_header_row(rows: list[list[str]], scan: int = 15) -> int:
    """The index of the row that names the most known fields (titles and merged rows sit above)."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:scan]):
        score = len({f for f in (recognise(str(c)) for c in row if c is not None) if f is not None})
        if score > best_score:
            best, best_score = index, score
    return best
