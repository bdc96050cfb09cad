"""What the web app needs from below the services layer, behind one small seam."""

from __future__ import annotations

from influent.store.creator_queries import COUNT_CAP, SORTS
from influent.store.models import Creator

__all__ = ["COUNT_CAP", "SORT_KEYS", "CreatorRecord", "biggest_first", "sort_is_descending"]

# The stored creator the services hand out, named so pages can annotate it.
CreatorRecord = Creator

SORT_KEYS: tuple[str, ...] = tuple(SORTS)


def sort_is_descending(sort: str) -> bool:
    """Whether the creators table lists the largest values first for this sort key."""
    return SORTS.get(sort, SORTS["-followers"])[1]


def biggest_first() -> str:
    """The sort key that lists the largest audiences first: the table's default."""
    return next(key for key in ("-followers", "followers") if sort_is_descending(key))
