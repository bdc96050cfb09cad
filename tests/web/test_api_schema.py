"""Schemathesis over /api/v1: generated requests, with a valid token, against the document.

No response may be a 5xx, and every response must conform to the OpenAPI document: its
status documented, its body matching the schema given for that status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from influent.services.accounts import users
from influent.services.core import Influent
from influent.web import create_app
from influent_testing import Team


@pytest.fixture
def api_schema(influent: Influent) -> schemathesis.schemas.BaseSchema:
    app = create_app(influent=influent)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app).include(path_regex="^/api/v1/")


@pytest.fixture
def member_token(influent: Influent, team: Team, make_creator: Callable[..., int]) -> str:
    make_creator("marie.cuisine", followers=12_000)
    with influent.session() as session:
        return users.create_token(session, user_id=team.member.user_id, name="schemathesis")


# What "conforms" means here. Left out: positive_data_acceptance, because a schema-valid
# string can still be a value Influent refuses (a filter of "12 apples" followers, a bare
# handle without a platform), which is a documented 422.
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
]


def test_the_api_conforms_to_its_document(
    api_schema: schemathesis.schemas.BaseSchema, member_token: str
) -> None:
    headers = {"Authorization": f"Bearer {member_token}"}
    checked = []
    for found in api_schema.get_all_operations():
        operation = found.ok()

        # Hypothesis drives each operation in turn (schemathesis' pytest plugin would make
        # one test per operation, but it does not run on this pytest).
        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            # The same examples on every run, so CI is reproducible; widen locally to explore.
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
        checked.append(operation.label)
    assert len(checked) >= 10, checked
