"""The follower sample schema: one sampled follower of an account per row.

A file may hold any subset of these columns. The English spellings include those of the two
labelled sets the follower model learnt from ('#followers', 'nums/length username', …).
"""

from __future__ import annotations

from collections.abc import Sequence

from influent.domain.tabular.schema import Column, RowSchema
from influent.domain.values import parse_count, parse_ratio, parse_yes_no

__all__ = ["FOLLOWER_SAMPLES", "MIN_PROFILE_COLUMNS", "PROFILE_COLUMNS", "looks_like_creators"]


def _count(name: str, english: tuple[str, ...], french: tuple[str, ...] = ()) -> Column[str]:
    return Column(name, english, french, parse_count, "count")


def _flag(name: str, english: tuple[str, ...], french: tuple[str, ...] = ()) -> Column[str]:
    return Column(name, english, french, parse_yes_no, "flag")


def _ratio(name: str, english: tuple[str, ...], french: tuple[str, ...] = ()) -> Column[str]:
    return Column(name, english, french, parse_ratio, "ratio")


# Text columns count as present even when a cell is empty (no bio, no link), so the
# features read them raw.
def _text(name: str, english: tuple[str, ...], french: tuple[str, ...] = ()) -> Column[str]:
    return Column(name, english, french, None, "text")


FOLLOWER_SAMPLES: RowSchema[str] = RowSchema(
    kind="follower_samples",
    columns=(
        _count("posts", ("posts", "#posts", "posts count"), ("publications",)),
        _count("followers", ("followers", "#followers"), ("abonnes", "nombre d abonnes")),
        _count("following", ("following", "#follows", "follows"), ("abonnements",)),
        _count("username_length", ("username length",)),
        _count("username_digit_count", ("username digit count",)),
        _count("biography_length", ("biography length", "description length")),
        _count("full_name_words", ("full name words", "fullname words")),
        _ratio("username_digit_ratio", ("username digit ratio", "nums/length username")),
        _ratio("full_name_digit_ratio", ("full name digit ratio", "nums/length fullname")),
        _flag("has_profile_picture", ("has profile picture", "profile pic"), ("photo de profil",)),
        _flag("is_private", ("is private", "private"), ("prive", "compte prive")),
        _flag("has_external_url", ("has external url", "external url flag")),
        _flag("name_equals_username", ("name equals username", "name==username")),
        _text("username", ("username",), ("nom d utilisateur", "pseudo")),
        _text("full_name", ("full name", "fullname"), ("nom complet",)),
        _text("biography", ("biography", "bio", "description")),
        _text("external_url", ("external url",), ("lien",)),
    ),
)

# A sample needs at least this many columns describing a follower's profile.
MIN_PROFILE_COLUMNS = 2
PROFILE_COLUMNS = frozenset(c.name for c in FOLLOWER_SAMPLES.columns) - {"username"}
# Ordinary followers rarely have thousands of followers themselves; creators always do.
CREATOR_AUDIENCE = 1_000


def looks_like_creators(*, has_platform: bool, followers: Sequence[int | None]) -> bool:
    """True when a file offered as a follower sample reads like a list of creators: it has a
    platform column, or most of its rows have followers in the thousands."""
    if has_platform:
        return True
    return sum(f is not None and f >= CREATOR_AUDIENCE for f in followers) > len(followers) / 2
