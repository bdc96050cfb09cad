"""What tests share besides fixtures: constants and the Team of fixture users.

A module of its own (not conftest.py), because several folders have a conftest.py and
`from influent_testing import …` would pick whichever was imported first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from influent.services import users

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Team:
    """A workspace with its owner, a member, a viewer, and an outsider from another workspace."""

    workspace_id: int
    owner: users.Actor
    member: users.Actor
    viewer: users.Actor
    outsider: users.Actor
