"""Discovery wing: finding creators on the real platforms for a few queries, saving them, and
ranking what was found with the keywords they share.

`search` runs the queries against the sources and saves what it finds; `ranking` orders the
candidates and names their shared keywords; `history` lists the searches already run, and
`demo` gives the demo workspace a few of them. The faces use the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.discovery.history import FoundCreator, PastDiscovery, past_discoveries
    from influent.services.discovery.search import (
        DEFAULT_SOURCES,
        SOURCES,
        DiscoveryError,
        discover,
        read_feed,
    )

__all__ = [
    "DEFAULT_SOURCES",
    "SOURCES",
    "DiscoveryError",
    "FoundCreator",
    "PastDiscovery",
    "discover",
    "past_discoveries",
    "read_feed",
]

lazy_wing(
    __name__,
    {
        "DEFAULT_SOURCES": "influent.services.discovery.source_names",
        "SOURCES": "influent.services.discovery.source_names",
        "DiscoveryError": "influent.services.discovery.search",
        "discover": "influent.services.discovery.search",
        "read_feed": "influent.services.discovery.search",
        "FoundCreator": "influent.services.discovery.history",
        "PastDiscovery": "influent.services.discovery.history",
        "past_discoveries": "influent.services.discovery.history",
    },
)
