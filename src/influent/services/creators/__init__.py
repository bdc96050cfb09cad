"""Creators wing: the people a brand works with.

One at a time (`profiles`: find, show, add, edit, tag, note) and as a table (`listing`: filters,
sort keys and pages, read the same way by the web app and the command line). The faces use the
names below.
"""

from influent.services.creators.listing import (
    DEFAULT_SORT,
    SORT_KEYS,
    CreatorFilters,
    CreatorRecord,
    TableRow,
    sort_is_descending,
    table_rows,
)
from influent.services.creators.profiles import (
    EDITABLE,
    CreatorError,
    CreatorPage,
    CreatorQuery,
    NewAccount,
    NotFound,
    add_creator,
    add_note,
    creator_detail,
    creator_summary,
    edit_creator,
    facets,
    get_creator,
    list_creators,
    list_tags,
    resolve_creator,
    tag_creator,
    untag_creator,
)

__all__ = [
    "DEFAULT_SORT",
    "EDITABLE",
    "SORT_KEYS",
    "CreatorError",
    "CreatorFilters",
    "CreatorPage",
    "CreatorQuery",
    "CreatorRecord",
    "NewAccount",
    "NotFound",
    "TableRow",
    "add_creator",
    "add_note",
    "creator_detail",
    "creator_summary",
    "edit_creator",
    "facets",
    "get_creator",
    "list_creators",
    "list_tags",
    "resolve_creator",
    "sort_is_descending",
    "table_rows",
    "tag_creator",
    "untag_creator",
]
