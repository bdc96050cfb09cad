"""Creators wing: the people a brand works with, one at a time (`profiles`: find, show, add,
edit, tag, note) and as a table (`listing`: filters, sort keys and pages, read the same way by
the web app and the command line).
"""

from influent.services.creators import listing, profiles

__all__ = ["listing", "profiles"]
