"""The manual source's schemas: snapshots, posts and comment samples of known accounts.

Each row names an account the workspace already has, by platform and handle (or profile
URL); the merge key says what one row replaces when the same file is imported again.
Problems name the field ("handle", "date"), as the manual source's documentation does.
"""

from __future__ import annotations

from collections.abc import Callable

from influent.domain.platforms import PostKind
from influent.domain.tabular.schema import Column, RowSchema
from influent.domain.values import parse_count, parse_date, parse_text

__all__ = ["COMMENTS", "POSTS", "SNAPSHOTS"]


def _text(limit: int) -> Callable[[object], object]:
    return lambda value: parse_text(value, max_length=limit)


def parse_post_kind(value: object) -> PostKind:
    """'video', 'reel'… as a PostKind; any other word is 'other'."""
    text = (parse_text(value) or "post").lower()
    return PostKind(text) if text in PostKind.__members__.values() else PostKind.OTHER


# The account's two columns; the service reads them together into a stored account.
PLATFORM: Column[str] = Column("platform", ("platform", "network"), ("plateforme", "reseau"))
HANDLE: Column[str] = Column(
    "handle",
    ("handle", "account", "username", "url", "profile"),
    ("pseudo", "compte"),
)
POST: Column[str] = Column(
    "post",
    ("post id", "post", "post url", "id", "link", "permalink"),
    (
        "lien",
        "publication",
        "id publication",
        "id de la publication",
        "url de la publication",
        "lien de la publication",
    ),
    _text(5_000),
    needed=True,
)


def _count(name: str, english: tuple[str, ...], french: tuple[str, ...]) -> Column[str]:
    return Column(name, english, french, parse_count, "count")


SNAPSHOTS: RowSchema[str] = RowSchema(
    kind="snapshots",
    columns=(
        PLATFORM,
        HANDLE,
        Column("date", ("date", "day", "taken at"), ("jour",), parse_date, "date", needed=True),
        _count("followers", ("followers", "subscribers", "fans"), ("abonnes",)),
        _count("following", ("following",), ("abonnements",)),
        _count("posts", ("posts", "posts count", "media count"), ("publications",)),
        _count("views", ("views", "total views"), ("vues",)),
    ),
    required=(("platform",), ("handle",), ("date",)),
    merge_key=("platform", "handle", "date"),
    problems_by="field",
)

POSTS: RowSchema[str] = RowSchema(
    kind="posts",
    columns=(
        PLATFORM,
        HANDLE,
        POST,
        Column(
            "date",
            ("date", "published", "published at"),
            ("publie le", "date de publication"),
            parse_date,
            "date",
            needed=True,
        ),
        Column("kind", ("kind", "type", "format"), (), parse_post_kind),
        Column(
            "caption", ("caption", "text", "title"), ("legende", "texte", "titre"), _text(5_000)
        ),
        _count("likes", ("likes",), ("j aime",)),
        _count("comments", ("comments",), ("commentaires",)),
        _count("views", ("views", "plays"), ("vues", "lectures")),
        _count("shares", ("shares", "reposts"), ("partages",)),
    ),
    required=(("platform",), ("handle",), ("date",)),
    merge_key=("platform", "handle", "post"),
    problems_by="field",
)

COMMENTS: RowSchema[str] = RowSchema(
    kind="comments",
    columns=(
        PLATFORM,
        HANDLE,
        POST,
        Column(
            "text",
            ("comment", "comment text", "text", "message"),
            ("commentaire", "texte"),
            _text(5_000),
            needed=True,
        ),
        Column("author", ("author", "commenter", "from"), ("auteur", "de"), _text(300)),
        # A comment's date is optional: an empty one is simply unknown.
        Column(
            "date",
            ("date", "published", "published at"),
            ("publie le", "date du commentaire"),
            parse_date,
            "date",
        ),
    ),
    required=(("platform",), ("handle",), ("post",), ("text",)),
    merge_key=("platform", "handle", "post"),
    problems_by="field",
)
