"""Discovery wing: finding creators on the real platforms for a few queries, saving them, and
ranking what was found with the keywords they share.

`search` runs the queries against the sources and saves what it finds; `ranking` orders the
candidates and names their shared keywords; `history` lists the searches already run, and
`demo` gives the demo workspace a few of them. The faces use the names below.
"""

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
