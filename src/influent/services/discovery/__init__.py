"""Discovery wing: finding creators on the real platforms for a few queries (`search`), saving
them, and ranking what was found with the keywords they share (`ranking`).
"""

from influent.services.discovery import ranking, search

__all__ = ["ranking", "search"]
