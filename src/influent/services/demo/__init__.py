"""Demo wing: the demo workspace, Maison Verte, and a year of its creators.

`builder` writes the workspace; `plan` casts the creators, `simulation` simulates each account's
year, `data` holds the words and `comments` the comment samples. Later wings seed their own
part of the demo from the builder, one call each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.demo.builder import DEMO_WORKSPACE, DemoError, build_demo

__all__ = ["DEMO_WORKSPACE", "DemoError", "build_demo"]

lazy_wing(
    __name__,
    {
        "DEMO_WORKSPACE": "influent.services.demo.builder",
        "DemoError": "influent.services.demo.builder",
        "build_demo": "influent.services.demo.builder",
    },
)
