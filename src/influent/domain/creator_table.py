"""The creators table's words: its sort keys and the fields a person may edit on a creator.

Kept apart from the queries so that the command line can show them in its help without
loading the database layer.
"""

from __future__ import annotations

from influent.domain.quality_rule import POD_FLAG, WEIGHTS

__all__ = [
    "DEFAULT_SORT",
    "EDITABLE",
    "PROVISIONAL_FLAG",
    "QUALITY_FLAGS",
    "QUALITY_SIGNALS",
    "SORT_KEYS",
    "sort_is_descending",
]

# A leading '-' means largest first, as in Django and DRF.
SORT_KEYS: tuple[str, ...] = (
    "followers",
    "-followers",
    "name",
    "-name",
    "engagement",
    "-engagement",
    "created",
    "-created",
    # Audience quality: a provisional score ranks by the bottom of its range.
    "quality",
    "-quality",
)

# The table's default: the largest audiences first.
DEFAULT_SORT = "-followers"

EDITABLE = ("name", "email", "agent", "country", "language", "category", "notes")


def sort_is_descending(sort: str) -> bool:
    """Whether the creators table lists the largest values first for this sort key."""
    return sort.startswith("-") if sort in SORT_KEYS else sort_is_descending(DEFAULT_SORT)


# The flag that filters provisional scores (the others are the signals' flags).
PROVISIONAL_FLAG = "provisional"
# What the quality filter can ask for: a signal that lost points, a pod, a provisional score.
QUALITY_FLAGS: tuple[str, ...] = (*WEIGHTS, POD_FLAG, PROVISIONAL_FLAG)
QUALITY_SIGNALS = len(WEIGHTS)
