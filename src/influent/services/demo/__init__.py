"""Demo wing: the demo workspace, Maison Verte, and a year of its creators.

`builder` writes the workspace; `plan` casts the creators, `simulation` simulates each account's
year, `data` holds the words and `comments` the comment samples.
"""

from influent.services.demo import builder

__all__ = ["builder"]
