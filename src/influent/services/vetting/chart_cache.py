"""Charts kept on disk, named by what they show.

A chart's key is a hash of everything drawn on it: the figures, the language, the catalog's
chart words and the drawing's version. New snapshots, another language or a reworded title
give a new key, so a kept chart is never stale and nothing has to be invalidated. The page
puts the key in the image's URL, so browsers keep the image too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from influent.domain.benchmarks import TierPercentile, benchmarks
from influent.domain.quality import Locale
from influent.services.i18n import catalog
from influent.services.vetting.results import AccountAudit, History

__all__ = [
    "CHART_FILES_KEPT",
    "cached_chart",
    "history_chart_key",
    "kept_chart",
    "tier_chart_key",
]

# Raise when the drawing changes (colours, layout, formats): every chart is drawn anew.
_DRAWING = "2"
# Oldest charts go beyond this many files: about 60 MB of PNGs at most.
CHART_FILES_KEPT = 2_000


@cache
def _chart_words(locale: str) -> str:
    words = {k: v for k, v in catalog(locale).items() if k.startswith("chart.")}
    return json.dumps(words, sort_keys=True, ensure_ascii=False)


def _key(kind: str, locale: str, shown: object) -> str:
    text = repr((kind, _DRAWING, locale, _chart_words(locale), shown))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def history_chart_key(found: History) -> str:
    """The key of the follower-history chart of `found`."""
    points = tuple((p.day.isoformat(), p.followers, p.gain) for p in found.points)
    events = tuple(
        (
            e.event.start.isoformat(),
            e.event.end.isoformat(),
            e.event.change,
            e.event.is_spike,
            e.event.followers_before,
        )
        for e in found.events
    )
    return _key("history", found.locale, (found.account.handle, points, events))


def tier_chart_key(audit: AccountAudit, locale: Locale) -> str:
    """The key of the engagement-against-tier chart of `audit`."""
    platform = audit.engagement.platform
    rows = tuple(repr(b) for b in benchmarks() if b.platform.value == platform)
    mine = repr(audit.tier.benchmark) if isinstance(audit.tier, TierPercentile) else None
    shown = (audit.account.handle, platform, audit.engagement.value, mine, rows)
    return _key("tier", locale, shown)


_KEY = re.compile(r"[0-9a-f]{32}")


def kept_chart(folder: Path, key: str, suffix: str = "png") -> bytes | None:
    """The chart kept under `key`, or None: never drawn, pruned, or not a key at all."""
    if not _KEY.fullmatch(key):
        return None
    try:
        return (folder / f"{key}.{suffix}").read_bytes()
    except FileNotFoundError:
        return None


def cached_chart(folder: Path, key: str, draw: Callable[[], bytes], suffix: str = "png") -> bytes:
    """The chart kept under `key` in `folder`, else `draw()`'s bytes, kept for next time."""
    kept = kept_chart(folder, key, suffix)
    if kept is not None:
        return kept
    path = folder / f"{key}.{suffix}"
    image = draw()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Written aside then renamed: a reader never sees half a file, two writers the same bytes.
    handle, scratch = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(image)
        os.replace(scratch, path)
    except OSError:
        Path(scratch).unlink(missing_ok=True)
        return image
    _prune(folder, suffix)
    return image


def _prune(folder: Path, suffix: str) -> None:
    files = list(folder.glob(f"*.{suffix}"))
    if len(files) <= CHART_FILES_KEPT:
        return
    by_age: list[tuple[float, Path]] = []
    for file in files:
        try:
            by_age.append((file.stat().st_mtime, file))
        except FileNotFoundError:
            continue
    by_age.sort()
    for _, file in by_age[: len(by_age) - CHART_FILES_KEPT]:
        file.unlink(missing_ok=True)
