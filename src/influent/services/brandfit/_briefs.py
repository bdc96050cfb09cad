"""Briefs: what a brand looks for, kept per workspace, read from and written to TOML."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.brand_words import fold
from influent.domain.messages import MessageError
from influent.domain.platforms import PLATFORM_ALIASES, Tier
from influent.domain.slugs import slugify
from influent.store.brandfit_models import Brief

__all__ = [
    "BriefData",
    "BriefError",
    "brief_from_form",
    "brief_from_toml",
    "brief_to_toml",
    "delete_brief",
    "find_brief",
    "format_budget",
    "list_briefs",
    "parse_budget",
    "save_brief",
]

_LISTS = (
    "keywords",
    "adjacent",
    "values",
    "exclude_topics",
    "exclude_words",
    "competitors",
    "languages",
    "countries",
    "platforms",
    "tiers",
)
_TEXTS = ("name", "product", "audience", "budget")
_MAX_TEXT = 4_000
_MAX_ITEMS = 100


class BriefError(MessageError):
    """A brief that cannot be read, saved or found."""


@dataclass(frozen=True, slots=True)
class BriefData:
    """A brief as the faces edit it; the budget is per deliverable, in minor units."""

    name: str
    product: str = ""
    audience: str = ""
    keywords: tuple[str, ...] = ()
    adjacent: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    exclude_topics: tuple[str, ...] = ()
    exclude_words: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    budget_minor: int | None = None
    currency: str = "EUR"
    id: int | None = field(default=None, compare=False)
    slug: str = field(default="", compare=False)

    @property
    def budget(self) -> str:
        return format_budget(self.budget_minor, self.currency)


def parse_budget(text: str) -> tuple[int | None, str]:
    """ "1500 EUR", "1 500 €", "EUR 1500.50" → (minor units, currency); "" → (None, EUR)."""
    cleaned = text.strip().replace("\u202f", " ").replace("\xa0", " ")
    if not cleaned:
        return None, "EUR"
    cleaned = cleaned.replace("€", " EUR ").replace("$", " USD ").replace("£", " GBP ")
    match = re.fullmatch(r"\s*([A-Za-z]{3})?\s*([\d .,]+?)\s*([A-Za-z]{3})?\s*", cleaned)
    if match is None or (match.group(1) and match.group(3)):
        raise BriefError("brandfit.error.budget", value=text)
    number = match.group(2).replace(" ", "")
    if "," in number and "." not in number:
        number = number.replace(",", ".")
    number = number.replace(",", "")
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise BriefError("brandfit.error.budget", value=text) from None
    if amount < 0:
        raise BriefError("brandfit.error.budget", value=text)
    currency = (match.group(1) or match.group(3) or "EUR").upper()
    return int((amount * 100).to_integral_value()), currency


def format_budget(minor: int | None, currency: str) -> str:
    if minor is None:
        return ""
    units, cents = divmod(minor, 100)
    return f"{units} {currency}" if cents == 0 else f"{units}.{cents:02d} {currency}"


def _clean_list(name: str, raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [part for part in re.split(r"[,\n]", raw)]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise BriefError("brandfit.error.list", field=name)
    seen: dict[str, str] = {}
    for value in raw:
        value = value.strip()[:200]
        if value and fold(value) not in seen:
            seen[fold(value)] = value
    if len(seen) > _MAX_ITEMS:
        raise BriefError("brandfit.error.too_many", field=name, limit=_MAX_ITEMS)
    return tuple(seen.values())


def _check(data: BriefData) -> BriefData:
    """The same brief with its lists normalised, or a BriefError naming what is wrong."""
    if not data.name.strip():
        raise BriefError("brandfit.error.name_required")
    platforms = []
    for value in data.platforms:
        platform = PLATFORM_ALIASES.get(fold(value))
        if platform is None:
            raise BriefError("brandfit.error.platform", value=value)
        platforms.append(platform.value)
    tiers = []
    for value in data.tiers:
        if fold(value) not in {t.value for t in Tier}:
            raise BriefError(
                "brandfit.error.tier", value=value, tiers=", ".join(t.value for t in Tier)
            )
        tiers.append(fold(value))
    languages = [fold(v)[:2] for v in data.languages]
    countries = [v.strip().upper()[:2] for v in data.countries]
    return BriefData(
        **{
            **{f.name: getattr(data, f.name) for f in fields(BriefData)},
            "name": data.name.strip()[:200],
            "platforms": tuple(dict.fromkeys(platforms)),
            "tiers": tuple(dict.fromkeys(tiers)),
            "languages": tuple(dict.fromkeys(languages)),
            "countries": tuple(dict.fromkeys(countries)),
        }
    )


def brief_from_toml(text: str) -> BriefData:
    """A brief from its TOML form (see docs/brand-fit.md); unknown keys are refused."""
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BriefError("brandfit.error.toml", detail=str(error)) from None
    unknown = sorted(set(raw) - set(_LISTS) - set(_TEXTS) - {"currency"})
    if unknown:
        raise BriefError("brandfit.error.unknown_keys", keys=", ".join(unknown))
    for key in _TEXTS:
        if key in raw and not isinstance(raw[key], str | int | float):
            raise BriefError("brandfit.error.text", field=key)
    budget = raw.get("budget", "")
    budget_minor, currency = parse_budget(str(budget))
    if isinstance(budget, int | float) and "currency" in raw:
        currency = str(raw["currency"]).upper()[:3]
    lists: dict[str, Any] = {key: _clean_list(key, raw.get(key)) for key in _LISTS}
    return _check(
        BriefData(
            name=str(raw.get("name", "")),
            product=str(raw.get("product", ""))[:_MAX_TEXT],
            audience=str(raw.get("audience", ""))[:_MAX_TEXT],
            budget_minor=budget_minor,
            currency=currency,
            **lists,
        )
    )


def brief_from_form(form: dict[str, str]) -> BriefData:
    """A brief from the web form: lists as text, one item per line or comma."""
    budget_minor, currency = parse_budget(form.get("budget", ""))
    lists: dict[str, Any] = {key: _clean_list(key, form.get(key, "")) for key in _LISTS}
    return _check(
        BriefData(
            name=form.get("name", ""),
            product=form.get("product", "")[:_MAX_TEXT],
            audience=form.get("audience", "")[:_MAX_TEXT],
            budget_minor=budget_minor,
            currency=currency,
            **lists,
        )
    )


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def brief_to_toml(data: BriefData) -> str:
    """The TOML form of a brief; `brief_from_toml` reads it back to the same brief."""
    lines = [
        f"name = {_toml_string(data.name)}",
        f"product = {_toml_string(data.product)}",
        f"audience = {_toml_string(data.audience)}",
    ]
    for key in _LISTS:
        items = ", ".join(_toml_string(v) for v in getattr(data, key))
        lines.append(f"{key} = [{items}]")
    lines.append(f"budget = {_toml_string(data.budget)}")
    return "\n".join(lines) + "\n"


def _data(brief: Brief) -> BriefData:
    return BriefData(
        id=brief.id,
        slug=brief.slug,
        name=brief.name,
        product=brief.product,
        audience=brief.audience,
        keywords=tuple(brief.keywords),
        adjacent=tuple(brief.adjacent),
        values=tuple(brief.brand_values),
        exclude_topics=tuple(brief.exclude_topics),
        exclude_words=tuple(brief.exclude_words),
        competitors=tuple(brief.competitors),
        languages=tuple(brief.languages),
        countries=tuple(brief.countries),
        platforms=tuple(brief.platforms),
        tiers=tuple(brief.tiers),
        budget_minor=brief.budget_minor,
        currency=brief.currency,
    )


def save_brief(
    session: Session, *, workspace_id: int, data: BriefData, brief_id: int | None = None
) -> BriefData:
    """Create a brief, or replace one: by id when given, else the brief of the same name."""
    data = _check(data)
    slug = slugify(data.name, fallback="brief")
    query = select(Brief).where(Brief.workspace_id == workspace_id)
    brief = (
        session.scalar(query.where(Brief.id == brief_id))
        if brief_id is not None
        else session.scalar(query.where(Brief.slug == slug))
    )
    if brief_id is not None and brief is None:
        raise BriefError("brandfit.error.not_found", ref=str(brief_id))
    clash = session.scalar(query.where(Brief.slug == slug))
    if clash is not None and brief is not None and clash.id != brief.id:
        raise BriefError("brandfit.error.duplicate", name=data.name)
    if brief is None:
        brief = Brief(workspace_id=workspace_id)
        session.add(brief)
    brief.name, brief.slug = data.name, slug
    brief.product, brief.audience = data.product, data.audience
    brief.keywords, brief.adjacent = list(data.keywords), list(data.adjacent)
    brief.brand_values = list(data.values)
    brief.exclude_topics, brief.exclude_words = list(data.exclude_topics), list(data.exclude_words)
    brief.competitors = list(data.competitors)
    brief.languages, brief.countries = list(data.languages), list(data.countries)
    brief.platforms, brief.tiers = list(data.platforms), list(data.tiers)
    brief.budget_minor, brief.currency = data.budget_minor, data.currency
    session.flush()
    return _data(brief)


def list_briefs(session: Session, *, workspace_id: int) -> list[BriefData]:
    rows = session.scalars(
        select(Brief).where(Brief.workspace_id == workspace_id).order_by(Brief.name, Brief.id)
    )
    return [_data(b) for b in rows]


def _find(session: Session, workspace_id: int, ref: str) -> Brief:
    ref = ref.strip()
    query = select(Brief).where(Brief.workspace_id == workspace_id)
    found = None
    if ref.isdigit() and len(ref) < 19:
        found = session.scalar(query.where(Brief.id == int(ref)))
    if found is None:
        found = session.scalar(query.where(Brief.slug == slugify(ref, fallback="")))
    if found is None:
        raise BriefError("brandfit.error.not_found", ref=ref)
    return found


def find_brief(session: Session, *, workspace_id: int, ref: str) -> BriefData:
    """A brief by id, slug or name (case and accents ignored)."""
    return _data(_find(session, workspace_id, ref))


def delete_brief(session: Session, *, workspace_id: int, ref: str) -> None:
    session.delete(_find(session, workspace_id, ref))
    session.flush()
