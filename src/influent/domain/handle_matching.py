"""Deciding whether a channel found by searching a creator's name is that creator's.

The rule: a candidate is attached without asking only when it is the one candidate whose
normalised name (accents, case, punctuation and spacing folded) equals the creator's, and
whose audience is within ±10% of the audience stated for the creator. Without a stated
audience, without the candidate's (a podcast directory gives none), with no such candidate
or with several, the user chooses among the candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from influent.domain.messages import Message, Percent
from influent.domain.values import normalise_key

__all__ = ["AUDIENCE_TOLERANCE", "Candidate", "Match", "match_candidate"]

AUDIENCE_TOLERANCE = 0.10


@dataclass(frozen=True, slots=True)
class Candidate:
    """A channel a search found: its id, name, handle, address and audience."""

    external_id: str
    name: str
    handle: str
    url: str
    followers: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """The candidate to attach (None: the user chooses) and how that was decided."""

    chosen: Candidate | None
    reason: Message


def _close(found: int | None, stated: int) -> bool:
    return found is not None and abs(found - stated) <= AUDIENCE_TOLERANCE * stated


def match_candidate(name: str, stated: int | None, candidates: list[Candidate]) -> Match:
    """The candidate that is surely the creator named `name` with `stated` followers, if any."""
    if not candidates:
        return Match(None, Message("handles.match.none_found", {"name": name}))
    key = normalise_key(name)
    same_name = [c for c in candidates if normalise_key(c.name) == key]
    tolerance = Percent(AUDIENCE_TOLERANCE, 0)
    if not same_name:
        return Match(None, Message("handles.match.no_same_name", {"name": name}))
    if not stated:
        return Match(None, Message("handles.match.no_stated_audience", {"name": name}))
    if all(c.followers is None for c in same_name):
        return Match(None, Message("handles.match.audience_unknown", {"name": name}))
    close = [c for c in same_name if _close(c.followers, stated)]
    if len(close) == 1:
        found = close[0]
        return Match(
            found,
            Message(
                "handles.match.same_name_and_audience",
                {
                    "name": name,
                    "found": found.followers or 0,
                    "count": found.followers or 0,
                    "stated": stated,
                    "tolerance": tolerance,
                },
            ),
        )
    if close:
        return Match(None, Message("handles.match.several", {"name": name, "count": len(close)}))
    return Match(
        None,
        Message(
            "handles.match.audience_differs",
            {"name": name, "stated": stated, "tolerance": tolerance},
        ),
    )
