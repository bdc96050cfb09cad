"""How far back vetting looks, named apart from the audit so that help texts show it without
loading the analysis."""

from __future__ import annotations

__all__ = ["HISTORY_DAYS"]

# A year of history: enough for 90-day growth, trends and a seasonal view of the followers.
HISTORY_DAYS = 365
