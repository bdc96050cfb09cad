"""First-message drafts: a workspace's own Jinja2 template (or the default), rendered in a
sandbox with the creator's fields, their latest content and one line about the brand."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.drafts import draft_language, draft_warnings, split_subject, word_count
from influent.domain.messages import Message
from influent.services.outreach._pipeline import OutreachError
from influent.store.campaign_models import Campaign
from influent.store.models import Account, Creator, Post, Workspace
from influent.store.outreach_models import MessageTemplate

__all__ = [
    "DRAFT_LANGUAGES",
    "Draft",
    "check_draft",
    "default_template",
    "draft_message",
    "save_template",
    "workspace_template",
]

DRAFT_LANGUAGES = ("en", "fr")
_TEMPLATES = Path(__file__).parent / "templates"
_MAX_TEMPLATE = 20_000
_TITLE_CHARS = 70
_PITCH_WORDS = 14
_SPACE_BEFORE = re.compile(r"[ \u00a0]([:;!?»])")
_SPACE_AFTER = re.compile(r"«[ \u00a0]")


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str
    language: str
    words: int
    warnings: list[Message] = field(default_factory=list)
    latest: str | None = None


@cache
def default_template(language: str) -> str:
    return (_TEMPLATES / f"first_message.{language}.j2").read_text(encoding="utf-8")


@cache
def _environment() -> SandboxedEnvironment:
    # Sandboxed: a template typed in the app can read the values it is given, nothing else.
    return SandboxedEnvironment(autoescape=False, trim_blocks=False, keep_trailing_newline=False)


def _language(language: str | None) -> str:
    if language not in DRAFT_LANGUAGES:
        raise OutreachError("outreach.error.language", language=language or "", languages="en, fr")
    return language


def workspace_template(session: Session, *, workspace_id: int, language: str) -> str:
    """The workspace's own template for `language`, else the default one."""
    saved = session.scalar(
        select(MessageTemplate.body).where(
            MessageTemplate.workspace_id == workspace_id,
            MessageTemplate.language == _language(language),
        )
    )
    return saved or default_template(language)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–—") + "…"


def _pitch(brief: str | None) -> str:
    if not brief:
        return ""
    first = re.split(r"(?<=[.!?])\s", " ".join(brief.split()), maxsplit=1)[0].rstrip(".!")
    words = first.split()
    text = " ".join(words[:_PITCH_WORDS]) + ("…" if len(words) > _PITCH_WORDS else "")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _latest_title(session: Session, creator_id: int) -> str | None:
    post = session.scalar(
        select(Post)
        .join(Account, Account.id == Post.account_id)
        .where(Account.creator_id == creator_id)
        .where((Post.title.is_not(None)) | (Post.caption.is_not(None)))
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(1)
    )
    if post is None:
        return None
    text = post.title or (post.caption or "").strip().split("\n")[0]
    text = re.sub(r"[#@]\w+", "", text).strip(" -–—|")
    return _shorten(text, _TITLE_CHARS) or None


def _french_typography(text: str) -> str:
    text = _SPACE_BEFORE.sub("\u202f\\1", text)
    return _SPACE_AFTER.sub("«\u202f", text)


def _render(source: str, context: dict[str, Any], seed: str) -> str:
    chooser = random.Random(seed)

    def pick(options: list[str]) -> str:
        return str(chooser.choice(options)) if options else ""

    try:
        template = _environment().from_string(source)
        return template.render(**context, pick=pick)
    except TemplateError as error:
        raise OutreachError("outreach.error.template", reason=str(error)[:200]) from None


_NO_TOPIC = {"en": "what you make", "fr": "ce que vous faites"}


def _context(
    session: Session, creator: Creator, campaign: Campaign, sender_name: str, lang: str
) -> dict[str, Any]:
    workspace = session.get(Workspace, creator.workspace_id)
    first_name = creator.name.split()[0] if creator.name.split() else creator.name
    sender_first = sender_name.split()[0] if sender_name.split() else sender_name
    platform = (creator.platform or "").replace("_", " ").title() or "Instagram"
    return {
        "creator": {
            "name": creator.name,
            "first_name": first_name,
            "handle": creator.handle or "",
            "platform": platform,
            "followers": creator.followers,
            "category": creator.category or "",
            "country": creator.country or "",
            "fields": dict(creator.custom_fields or {}),
        },
        "latest": _latest_title(session, creator.id) or "",
        "topic": (creator.category or "").lower() or _NO_TOPIC[lang],
        "brand": workspace.name if workspace else "",
        "pitch": _pitch(campaign.brief),
        "campaign": campaign.name,
        "sender": {"name": sender_name, "first_name": sender_first},
    }


def draft_message(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    creator_id: int,
    sender_name: str,
    language: str | None = None,
    template: str | None = None,
) -> Draft:
    """The first message to this creator for this campaign, in their language unless told."""
    creator = session.get(Creator, creator_id)
    campaign = session.get(Campaign, campaign_id)
    if creator is None or creator.workspace_id != workspace_id:
        raise OutreachError("outreach.error.creator_not_found", ref=f"#{creator_id}")
    if campaign is None or campaign.workspace_id != workspace_id:
        raise OutreachError("campaign.error.not_found", ref=str(campaign_id))
    lang = _language(language or draft_language(creator.language, creator.country))
    source = template or workspace_template(session, workspace_id=workspace_id, language=lang)
    context = _context(session, creator, campaign, sender_name, lang)
    text = _render(source, context, seed=f"{creator.id}:{campaign.id}:{lang}")
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if lang == "fr":
        text = _french_typography(text)
    subject, body = split_subject(text)
    return Draft(
        subject=subject,
        body=body,
        language=lang,
        words=word_count(body),
        warnings=draft_warnings(subject, body),
        latest=context["latest"] or None,
    )


def check_draft(subject: str, body: str) -> tuple[int, list[Message]]:
    """Word count and warnings of a draft as the user edited it."""
    return word_count(body), draft_warnings(subject, body)


def save_template(session: Session, *, workspace_id: int, language: str, body: str) -> None:
    """Keep the workspace's own template, once it renders (an empty body restores the default)."""
    lang = _language(language)
    existing = session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.workspace_id == workspace_id, MessageTemplate.language == lang
        )
    )
    if not body.strip():
        if existing is not None:
            session.delete(existing)
        return
    if len(body) > _MAX_TEMPLATE:
        raise OutreachError("outreach.error.template", reason=f"> {_MAX_TEMPLATE} characters")
    sample = {
        "creator": {
            "name": "Ada",
            "first_name": "Ada",
            "handle": "ada",
            "platform": "Instagram",
            "followers": 1000,
            "category": "",
            "country": "",
            "fields": {},
        },
        "latest": "Title",
        "topic": "topic",
        "brand": "Brand",
        "pitch": "",
        "campaign": "Campaign",
        "sender": {"name": "Sam", "first_name": "Sam"},
    }
    _render(body, sample, seed="check")
    if existing is None:
        session.add(MessageTemplate(workspace_id=workspace_id, language=lang, body=body))
    else:
        existing.body = body
    session.flush()
