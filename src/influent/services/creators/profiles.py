"""Creators one at a time: find, show, add, edit, tag and note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from influent.domain.accounts import normalise_handle, parse_account
from influent.domain.creator_table import EDITABLE
from influent.domain.geo import normalise_country, normalise_language
from influent.domain.messages import Message, MessageError
from influent.domain.platforms import Platform
from influent.domain.rows import search_text, split_tags
from influent.domain.values import ValueProblem, normalise_key, parse_email
from influent.store import creator_writes as writes
from influent.store.creator_queries import CreatorPage, CreatorQuery, facet_values, find_creators
from influent.store.models import Account, Creator, CreatorTag, Note, Tag

__all__ = [
    "CreatorError",
    "CreatorPage",
    "CreatorQuery",
    "NotFound",
    "add_creator",
    "add_note",
    "edit_creator",
    "get_creator",
    "list_creators",
    "list_tags",
    "resolve_creator",
    "tag_creator",
    "untag_creator",
]


def _problem(problem: ValueProblem) -> Message:
    """A value's problem as its `problem.<code>` message."""
    return Message(f"problem.{problem.code}", problem.params)


class CreatorError(MessageError):
    """A change to a creator that cannot be made: a `creator.error.*` message."""


class NotFound(MessageError, LookupError):
    """No creator matches: a `creator.not_found.*` message."""


@dataclass(frozen=True, slots=True)
class NewAccount:
    platform: Platform | None
    handle_or_url: str
    followers: int | None = None
    engagement_rate: float | None = None


def list_creators(session: Session, *, workspace_id: int, query: CreatorQuery) -> CreatorPage:
    return find_creators(session, workspace_id, query)


def facets(session: Session, *, workspace_id: int) -> dict[str, list[str]]:
    return {
        "country": list(facet_values(session, workspace_id, "country")),
        "language": list(facet_values(session, workspace_id, "language")),
        "tag": list_tags(session, workspace_id=workspace_id),
    }


def list_tags(session: Session, *, workspace_id: int) -> list[str]:
    return list(
        session.scalars(select(Tag.name).where(Tag.workspace_id == workspace_id).order_by(Tag.name))
    )


def get_creator(session: Session, *, workspace_id: int, creator_id: int) -> Creator:
    creator = session.scalar(
        select(Creator)
        .where(Creator.id == creator_id, Creator.workspace_id == workspace_id)
        .options(
            selectinload(Creator.accounts),
            selectinload(Creator.tags),
            selectinload(Creator.note_items),
        )
    )
    if creator is None:
        raise NotFound("creator.not_found.id", id=str(creator_id))
    return creator


def resolve_creator(session: Session, *, workspace_id: int, ref: str) -> Creator:
    """A creator by '#12', '12', '@handle', 'platform:handle' or profile URL."""
    text = ref.strip()
    if text.lstrip("#").isdigit():
        return get_creator(session, workspace_id=workspace_id, creator_id=int(text.lstrip("#")))
    platform: Platform | None = None
    if ":" in text and not text.startswith(("http:", "https:")):
        prefix, _, rest = text.partition(":")
        if prefix.lower() in {p.value for p in Platform}:
            platform, text = Platform(prefix.lower()), rest
    try:
        account = parse_account(text, platform)
    except ValueProblem as problem:
        raise NotFound(
            "creator.not_found.bad_ref",
            ref=ref,
            problem=_problem(problem),
        ) from None
    if account is None:
        raise NotFound("creator.not_found.no_ref")
    stmt = select(Account.creator_id).where(
        Account.workspace_id == workspace_id, Account.handle_key == account.key
    )
    if account.platform is not None:
        stmt = stmt.where(Account.platform == account.platform.value)
    matches = sorted(set(session.scalars(stmt)))
    if not matches:
        raise NotFound("creator.not_found.account", ref=ref)
    if len(matches) > 1:
        raise NotFound("creator.not_found.ambiguous", ref=ref, handle=normalise_handle(ref))
    return get_creator(session, workspace_id=workspace_id, creator_id=matches[0])


def add_creator(
    session: Session,
    *,
    workspace_id: int,
    name: str,
    account: NewAccount,
    fields: dict[str, str | None] | None = None,
    tags: list[str] | None = None,
) -> Creator:
    """A new creator with one account; refuses an account the workspace already has.

    Every check comes before the first write, so a refusal leaves the session as it was.
    """
    checked = _checked_fields(fields or {})
    try:
        ref = parse_account(account.handle_or_url, account.platform)
    except ValueProblem as problem:
        raise CreatorError(
            "creator.error.account", account=account.handle_or_url, problem=_problem(problem)
        ) from None
    if ref is None or ref.platform is None:
        raise CreatorError("creator.error.no_platform")
    clash = session.scalar(
        select(Account.creator_id).where(
            Account.workspace_id == workspace_id,
            Account.platform == ref.platform.value,
            Account.handle_key == ref.key,
        )
    )
    if clash is not None:
        raise CreatorError(
            "creator.error.taken",
            platform=ref.platform.value,
            handle=ref.handle,
            creator=str(clash),
        )
    now = datetime.now(UTC)
    creator = Creator(
        workspace_id=workspace_id, name=name.strip() or ref.handle, name_key="", custom_fields={}
    )
    _apply_fields(creator, checked)
    creator.name_key = normalise_key(creator.name)
    session.add(creator)
    session.flush()
    session.add(
        Account(
            workspace_id=workspace_id,
            creator_id=creator.id,
            platform=ref.platform.value,
            handle=ref.handle,
            handle_key=ref.key,
            url=ref.url,
            external_id=ref.external_id,
            followers=account.followers,
            engagement_rate=account.engagement_rate,
            stats_source="manual" if account.followers is not None else None,
            stats_updated_at=now if account.followers is not None else None,
        )
    )
    session.flush()
    writes.refresh_primary_accounts(session, [creator.id], now)
    _refresh_search(session, creator.id)
    if tags:
        tag_creator(session, workspace_id=workspace_id, creator_id=creator.id, tags=tags)
    session.expire(creator)
    return get_creator(session, workspace_id=workspace_id, creator_id=creator.id)


def _checked_fields(fields: dict[str, str | None]) -> dict[str, str | None]:
    """The fields as they will be stored; raises CreatorError before anything is changed."""
    checked: dict[str, str | None] = {}
    for key, raw in fields.items():
        if key not in EDITABLE:
            raise CreatorError(
                "creator.error.not_editable", field=key, editable=", ".join(EDITABLE)
            )
        value = raw.strip() if isinstance(raw, str) and raw.strip() else None
        try:
            if key == "email" and value is not None:
                value = parse_email(value)
        except ValueProblem as problem:
            raise CreatorError("creator.error.email", problem=_problem(problem)) from None
        if key == "country" and value:
            value = normalise_country(value)
        if key == "language" and value:
            value = normalise_language(value)
        if key == "name" and not value:
            raise CreatorError("creator.error.no_name")
        checked[key] = value
    return checked


def _apply_fields(creator: Creator, checked: dict[str, str | None]) -> None:
    for key, value in checked.items():
        setattr(creator, key, value)
        if key == "name" and value:
            creator.name_key = normalise_key(value)


def edit_creator(
    session: Session, *, workspace_id: int, creator_id: int, fields: dict[str, str | None]
) -> Creator:
    """Change some fields; a refusal changes none of them, so the caller has nothing to undo."""
    creator = get_creator(session, workspace_id=workspace_id, creator_id=creator_id)
    _apply_fields(creator, _checked_fields(fields))
    creator.updated_at = datetime.now(UTC)
    session.flush()
    _refresh_search(session, creator.id)
    return creator


def _refresh_search(session: Session, creator_id: int) -> None:
    creator = session.get(Creator, creator_id)
    assert creator is not None
    handles = session.scalars(select(Account.handle).where(Account.creator_id == creator_id))
    creator.search_text = search_text(creator.name, *handles, creator.email, creator.category)
    session.flush()


def tag_creator(
    session: Session, *, workspace_id: int, creator_id: int, tags: list[str]
) -> list[str]:
    get_creator(session, workspace_id=workspace_id, creator_id=creator_id)
    names = [t for raw in tags for t in split_tags(raw)]
    writes.attach_tags(session, workspace_id, [(creator_id, n) for n in names])
    session.expire_all()
    return names


def untag_creator(session: Session, *, workspace_id: int, creator_id: int, tags: list[str]) -> None:
    get_creator(session, workspace_id=workspace_id, creator_id=creator_id)
    tag_ids = select(Tag.id).where(Tag.workspace_id == workspace_id, Tag.name.in_(tags))
    session.execute(
        delete(CreatorTag).where(
            CreatorTag.creator_id == creator_id, CreatorTag.tag_id.in_(tag_ids)
        )
    )
    session.expire_all()


def add_note(
    session: Session, *, workspace_id: int, creator_id: int, body: str, author_id: int | None
) -> Note:
    get_creator(session, workspace_id=workspace_id, creator_id=creator_id)
    if not body.strip():
        raise CreatorError("creator.error.empty_note")
    note = Note(creator_id=creator_id, author_id=author_id, body=body.strip())
    session.add(note)
    session.flush()
    return note


def creator_summary(creator: Creator) -> dict[str, Any]:
    """A creator as plain data, for --json and the API."""
    return {
        "id": creator.id,
        "name": creator.name,
        "platform": creator.platform,
        "handle": creator.handle,
        "followers": creator.followers,
        "engagement_rate": creator.engagement_rate,
        "email": creator.email,
        "agent": creator.agent,
        "country": creator.country,
        "language": creator.language,
        "category": creator.category,
        "notes": creator.notes,
        "tags": [t.name for t in creator.tags],
        "custom_fields": creator.custom_fields,
    }


def creator_detail(creator: Creator) -> dict[str, Any]:
    data = creator_summary(creator)
    data["accounts"] = [
        {
            "id": a.id,
            "platform": a.platform,
            "handle": a.handle,
            "url": a.url,
            "external_id": a.external_id,
            "followers": a.followers,
            "following": a.following,
            "posts": a.posts_count,
            "engagement_rate": a.engagement_rate,
            "stats_source": a.stats_source,
            "stats_updated_at": a.stats_updated_at.isoformat() if a.stats_updated_at else None,
        }
        for a in creator.accounts
    ]
    data["note_items"] = [
        {
            "id": n.id,
            "body": n.body,
            "created_at": n.created_at.isoformat(),
            "author_id": n.author_id,
        }
        for n in creator.note_items
    ]
    return data
