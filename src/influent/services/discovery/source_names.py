"""The places discovery can search, named apart from the search so that help texts list them
without loading the sources' clients."""

from __future__ import annotations

__all__ = ["DEFAULT_SOURCES", "SOURCES"]

SOURCES = ("youtube", "podcasts", "feeds", "instagram")
# Searched when the user names none: the sources that work without a business account.
DEFAULT_SOURCES = ("youtube", "podcasts", "feeds")
