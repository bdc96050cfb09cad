"""Links wing: tracked links (UTM, short keys, QR codes) and the `/r/{key}` redirect.

It owns the links of a campaign's creators, the destination domains a workspace allows, the
redirect that stores every click durably before its 302 (group commit), and the counters and
daily rollups that reports read. Raw IP addresses are never stored.
"""

from influent.domain.links import UTM_FIELDS as UTM_NAMES
from influent.services.links._redirect import PREFIX, VISITOR_PARAM, RedirectApp
from influent.services.links._service import (
    LinkError,
    LinkStats,
    add_link_domain,
    create_link,
    find_link,
    link_days,
    link_domains,
    list_links,
    qr_code,
    remove_link_domain,
    short_url,
)

__all__ = [
    "PREFIX",
    "UTM_NAMES",
    "VISITOR_PARAM",
    "LinkError",
    "LinkStats",
    "RedirectApp",
    "add_link_domain",
    "create_link",
    "find_link",
    "link_days",
    "link_domains",
    "list_links",
    "qr_code",
    "remove_link_domain",
    "short_url",
]
