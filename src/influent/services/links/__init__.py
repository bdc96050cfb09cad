"""Links wing: tracked links (UTM, short keys, QR codes) and the `/r/{key}` redirect.

It owns the links of a campaign's creators, the destination domains a workspace allows, the
redirect that stores every click durably before its 302 (group commit), and the counters and
daily rollups that reports read. Raw IP addresses are never stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
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

lazy_wing(
    __name__,
    {
        "UTM_NAMES": "influent.domain.links:UTM_FIELDS",
        "PREFIX": "influent.services.links._redirect",
        "VISITOR_PARAM": "influent.services.links._redirect",
        "RedirectApp": "influent.services.links._redirect",
        "LinkError": "influent.services.links._service",
        "LinkStats": "influent.services.links._service",
        "add_link_domain": "influent.services.links._service",
        "create_link": "influent.services.links._service",
        "find_link": "influent.services.links._service",
        "link_days": "influent.services.links._service",
        "link_domains": "influent.services.links._service",
        "list_links": "influent.services.links._service",
        "qr_code": "influent.services.links._service",
        "remove_link_domain": "influent.services.links._service",
        "short_url": "influent.services.links._service",
    },
)
