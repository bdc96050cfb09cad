"""Refusals leave the unit of work as it was: the faces have nothing to roll back."""

from __future__ import annotations

import pytest

from influent.domain.platforms import Platform
from influent.services import creators
from influent.services.core import Influent


def test_it_changes_nothing_when_one_field_of_an_edit_is_refused(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        made = creators.add_creator(
            session,
            workspace_id=workspace_id,
            name="Léna",
            account=creators.NewAccount(Platform.INSTAGRAM, "@lena", None, None),
        )
    with influent.session() as session, pytest.raises(creators.CreatorError):
        creators.edit_creator(
            session,
            workspace_id=workspace_id,
            creator_id=made.id,
            fields={"name": "Someone else", "email": "not an email"},
        )
        # The block commits: a half-applied edit would be written now.
    with influent.session() as session:
        assert (
            creators.get_creator(session, workspace_id=workspace_id, creator_id=made.id).name
            == "Léna"
        )


def test_it_writes_no_creator_when_a_new_creators_fields_are_refused(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session, pytest.raises(creators.CreatorError):
        creators.add_creator(
            session,
            workspace_id=workspace_id,
            name="Théo",
            account=creators.NewAccount(Platform.INSTAGRAM, "@theo", None, None),
            fields={"email": "nope"},
        )
    with influent.session() as session:
        page = creators.list_creators(
            session, workspace_id=workspace_id, query=creators.CreatorQuery()
        )
        assert page.total == 0
