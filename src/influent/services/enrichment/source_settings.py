"""Source credentials per workspace (shown masked) and quota accounting that survives restarts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.services.core import settings_of
from influent.settings import Settings
from influent.sources.http import HttpClient, Quota
from influent.sources.youtube import DAILY_QUOTA
from influent.store import data_keys
from influent.store import source_queries as queries

__all__ = [
    "SOURCE_FIELDS",
    "QuotaBook",
    "SourceSettingsError",
    "SourceStatus",
    "credentials_for",
    "http_client",
    "list_sources",
    "mask",
    "set_source",
]

# What each source needs; podcasts (iTunes Search) and feeds need nothing.
SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "youtube": ("api_key",),
    "instagram": ("access_token", "ig_user_id"),
}
_SECRET_FIELDS = {"api_key", "access_token"}
# A key can also come from the settings (INFLUENT_* variables), which suits a single-workspace
# install; a key saved for the workspace takes precedence.
_SETTINGS = {
    ("youtube", "api_key"): "youtube_api_key",
    ("instagram", "access_token"): "instagram_access_token",
    ("instagram", "ig_user_id"): "instagram_user_id",
}


class SourceSettingsError(MessageError):
    """A credential that cannot be saved; carries a `Message`."""


@dataclass(frozen=True, slots=True)
class SourceStatus:
    source: str
    configured: bool
    fields: dict[str, str]  # masked values
    origin: str  # 'workspace', 'environment' or ''


def http_client(settings: Settings | None = None) -> HttpClient:
    """A client for the sources, with the default timeouts, retries and rate limits; it
    reaches internal hosts only when INFLUENT_OUTBOUND_ALLOWED_HOSTS names them."""
    allowed = settings.outbound_allowed_hosts if settings is not None else ()
    return HttpClient(allowed_hosts=allowed)


def mask(value: str) -> str:
    """'AIzaSyD…f3Xk': enough to recognise a key, not enough to use it."""
    if len(value) <= 8:
        return "…" if value else ""
    return f"{value[:4]}…{value[-4:]}"


def _from_env(session: Session, source: str) -> dict[str, str]:
    """The source's keys from the settings of the app that opened `session`."""
    settings = settings_of(session)
    found = {
        name: (getattr(settings, _SETTINGS[(source, name)]) or "").strip()
        for name in SOURCE_FIELDS[source]
        if (source, name) in _SETTINGS
    }
    return found if all(found.values()) else {}


def _stored(
    session: Session, workspace_id: int, settings: Settings | None
) -> dict[str, dict[str, str]]:
    """The workspace's saved secrets, decrypted (they are kept encrypted with Fernet)."""
    settings = settings or settings_of(session)
    rows = queries.credentials(session, workspace_id)
    if not rows:
        return {}
    box = data_keys.fernet(settings.data_dir, settings.encryption_key)
    return {
        source: {name: data_keys.decrypt_text(box, str(value)) for name, value in values.items()}
        for source, values in rows.items()
    }


def credentials_for(
    session: Session, *, workspace_id: int, source: str, settings: Settings | None = None
) -> dict[str, str] | None:
    """The secrets a source needs, from the workspace first, then the environment; None if unset."""
    fields = SOURCE_FIELDS.get(source)
    if fields is None:
        return {}
    stored = _stored(session, workspace_id, settings).get(source, {})
    if all(stored.get(f) for f in fields):
        return {f: str(stored[f]) for f in fields}
    return _from_env(session, source) or None


def set_source(
    session: Session,
    *,
    workspace_id: int,
    source: str,
    values: dict[str, str],
    settings: Settings | None = None,
) -> SourceStatus:
    """Save one source's secrets; values missing from `values` keep their stored value."""
    if source not in SOURCE_FIELDS:
        raise SourceSettingsError(
            "sources.error.no_keys", source=source, known=", ".join(SOURCE_FIELDS)
        )
    unknown = sorted(set(values) - set(SOURCE_FIELDS[source]))
    if unknown:
        raise SourceSettingsError(
            "sources.error.unknown_setting",
            source=source,
            name=unknown[0],
            known=", ".join(SOURCE_FIELDS[source]),
        )
    merged = dict(_stored(session, workspace_id, settings).get(source, {}))
    for name, value in values.items():
        value = value.strip()
        if value:
            merged[name] = value
        else:
            merged.pop(name, None)
    settings = settings or settings_of(session)
    box = data_keys.fernet(settings.data_dir, settings.encryption_key)
    queries.save_credentials(
        session,
        workspace_id,
        source,
        {name: data_keys.encrypt_text(box, value) for name, value in merged.items()},
    )
    return next(
        s
        for s in list_sources(session, workspace_id=workspace_id, settings=settings)
        if s.source == source
    )


def list_sources(
    session: Session, *, workspace_id: int, settings: Settings | None = None
) -> list[SourceStatus]:
    """Every source with a key, configured or not, its values masked."""
    stored = _stored(session, workspace_id, settings)
    found = []
    for source, names in SOURCE_FIELDS.items():
        values = {k: str(v) for k, v in stored.get(source, {}).items() if k in names}
        origin = "workspace" if values else ""
        environment = _from_env(session, source)
        if not all(values.get(n) for n in names) and environment:
            values, origin = environment, "environment"
        shown = {k: mask(v) if k in _SECRET_FIELDS else v for k, v in values.items()}
        found.append(SourceStatus(source, all(values.get(n) for n in names), shown, origin))
    found.append(SourceStatus("podcasts", True, {}, "no key needed"))
    found.append(SourceStatus("feeds", True, {}, "no key needed"))
    return found


def _pacific() -> tzinfo:
    try:
        return ZoneInfo("America/Los_Angeles")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=-8))


# Quota days as each source counts them; YouTube's resets at midnight Pacific Time.
# Reference: https://developers.google.com/youtube/v3/getting-started#quota
_QUOTAS: dict[str, tuple[int, Callable[[], tzinfo]]] = {"youtube": (DAILY_QUOTA, _pacific)}


class QuotaBook:
    """A source's daily Quota loaded from the database, and the units spent written back."""

    def __init__(
        self, session: Session, source: str, *, now: Callable[[], datetime] | None = None
    ) -> None:
        limit, zone = _QUOTAS[source]
        self._session = session
        self.source = source
        self._now = now or (lambda: datetime.now(UTC))
        self._tz = zone()
        self._day = self._today()
        used = queries.quota_units(session, source, self._day)
        self._saved = used
        self.quota = Quota(limit, used=used, reset_tz=self._tz, now=self._now)

    def _today(self) -> date:
        return self._now().astimezone(self._tz).date()

    def save(self) -> None:
        """Add the units spent since the last save to today's count."""
        today = self._today()
        if today != self._day:
            self._day, self._saved = today, 0
        used = self.quota.used
        queries.add_quota_units(self._session, self.source, self._day, used - self._saved)
        self._saved = max(self._saved, used)
