from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from brandfit_testing import seed_creator
from influent.services.core import Influent
from influent.web.routes import brandfit_survey
from influent_testing import FIXTURES, Team
from web.conftest import Browser

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_limiter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(brandfit_survey, "limiter", brandfit_survey._Limiter())


def _customer(app_client: Callable[[], Browser]) -> tuple[Browser, str]:
    """A visitor without an account, on the survey page, with the form's token."""
    visitor = app_client()
    page = visitor.get("/s/maison-verte?lang=fr")
    assert page.status_code == 200
    found = _CSRF.search(page.text)
    assert found is not None
    return visitor, found.group(1)


def test_a_customer_answers_without_logging_in_and_the_team_sees_the_leads(
    app_client: Callable[[], Browser], owner: Browser, influent: Influent, team: Team
) -> None:
    seed_creator(
        influent, team.workspace_id, name="Léna Situations", handle="lenasituations", posts=[]
    )
    visitor, token = _customer(app_client)
    assert (
        "Quels créateurs, chaînes YouTube, podcasts ou blogs suivez-vous"
        in visitor.get("/s/maison-verte?lang=fr").text
    )
    answer = visitor.post(
        "/s/maison-verte",
        data={"csrf_token": token, "answer": "lena situation\nLe Podcast Inconnu", "lang": "fr"},
    )
    assert answer.status_code == 200 and 'id="survey-thanks"' in answer.text
    leads = owner.get("/survey").text
    assert "Léna Situations" in leads and "Le Podcast Inconnu" in leads
    assert "http://testserver/s/maison-verte" in leads


def test_a_filled_honeypot_is_thanked_and_stores_nothing(
    app_client: Callable[[], Browser], owner: Browser, team: Team
) -> None:
    visitor, token = _customer(app_client)
    answer = visitor.post(
        "/s/maison-verte",
        data={"csrf_token": token, "answer": "Spam Bot Channel", "website": "http://spam.example"},
    )
    assert answer.status_code == 200 and 'id="survey-thanks"' in answer.text
    assert "Spam Bot Channel" not in owner.get("/survey").text


def test_it_limits_how_often_one_address_answers(
    app_client: Callable[[], Browser], team: Team
) -> None:
    visitor, token = _customer(app_client)
    codes = [
        visitor.post(
            "/s/maison-verte", data={"csrf_token": token, "answer": f"Nom {i}"}
        ).status_code
        for i in range(brandfit_survey.RATE_LIMIT + 1)
    ]
    assert codes == [200] * brandfit_survey.RATE_LIMIT + [429]


def test_it_answers_404_for_an_unknown_survey(app_client: Callable[[], Browser]) -> None:
    assert app_client().get("/s/nobody-here").status_code == 404


def test_a_member_imports_a_typeform_export(member: Browser, team: Team) -> None:
    response = member.post(
        "/survey/import",
        data={"csrf_token": member.csrf},
        files={
            "file": ("answers.csv", (FIXTURES / "brandfit" / "typeform_export.csv").read_bytes())
        },
    )
    assert response.status_code == 200
    assert "Nouvelle Créatrice" in response.text


def test_a_viewer_cannot_import_answers(viewer: Browser, team: Team) -> None:
    response = viewer.post(
        "/survey/import",
        data={"csrf_token": viewer.csrf},
        files={"file": ("answers.csv", b"#,q\n1,x\n")},
        follow_redirects=False,
    )
    assert response.status_code == 403
