"""Creators wing: the people a brand works with.

One at a time (`profiles`: find, show, add, edit, tag, note) and as a table (`listing`: filters,
sort keys and pages, read the same way by the web app and the command line). The faces use the
names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.domain.creator_table import (
        DEFAULT_SORT,
        EDITABLE,
        QUALITY_FLAGS,
        QUALITY_SIGNALS,
        SORT_KEYS,
        sort_is_descending,
    )
    from influent.services.creators.listing import (
        CreatorFilters,
        CreatorRecord,
        QualityRow,
        TableRow,
        quality_summary,
        table_rows,
    )
    from influent.services.creators.profiles import (
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
    "QUALITY_FLAGS",
    "QUALITY_SIGNALS",
    "SORT_KEYS",
    "CreatorError",
    "CreatorFilters",
    "CreatorPage",
    "CreatorQuery",
    "CreatorRecord",
    "NewAccount",
    "NotFound",
    "QualityRow",
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
    "quality_summary",
    "resolve_creator",
    "sort_is_descending",
    "table_rows",
    "tag_creator",
    "untag_creator",
]

lazy_wing(
    __name__,
    {
        "DEFAULT_SORT": "influent.domain.creator_table",
        "QUALITY_FLAGS": "influent.domain.creator_table",
        "QUALITY_SIGNALS": "influent.domain.creator_table",
        "SORT_KEYS": "influent.domain.creator_table",
        "CreatorFilters": "influent.services.creators.listing",
        "CreatorRecord": "influent.services.creators.listing",
        "QualityRow": "influent.services.creators.listing",
        "TableRow": "influent.services.creators.listing",
        "quality_summary": "influent.services.creators.listing",
        "sort_is_descending": "influent.domain.creator_table",
        "table_rows": "influent.services.creators.listing",
        "EDITABLE": "influent.domain.creator_table",
        "CreatorError": "influent.services.creators.profiles",
        "CreatorPage": "influent.services.creators.profiles",
        "CreatorQuery": "influent.services.creators.profiles",
        "NewAccount": "influent.services.creators.profiles",
        "NotFound": "influent.services.creators.profiles",
        "add_creator": "influent.services.creators.profiles",
        "add_note": "influent.services.creators.profiles",
        "creator_detail": "influent.services.creators.profiles",
        "creator_summary": "influent.services.creators.profiles",
        "edit_creator": "influent.services.creators.profiles",
        "facets": "influent.services.creators.profiles",
        "get_creator": "influent.services.creators.profiles",
        "list_creators": "influent.services.creators.profiles",
        "list_tags": "influent.services.creators.profiles",
        "resolve_creator": "influent.services.creators.profiles",
        "tag_creator": "influent.services.creators.profiles",
        "untag_creator": "influent.services.creators.profiles",
    },
)
