from __future__ import annotations

import pytest

from brandfit_testing import seed_creator
from influent.services.brandfit import (
    SurveyError,
    import_survey_csv,
    submit_answer,
    survey_leads,
)
from influent.services.core import Influent
from influent_testing import FIXTURES

TYPEFORM = (FIXTURES / "brandfit" / "typeform_export.csv").read_bytes()
GOOGLE = (FIXTURES / "brandfit" / "google_forms_export.csv").read_bytes()


@pytest.fixture
def known(influent: Influent, workspace_id: int) -> dict[str, int]:
    return {
        "lena": seed_creator(
            influent, workspace_id, name="Léna Situations", handle="lenasituations", posts=[]
        ),
        "gdiy": seed_creator(
            influent,
            workspace_id,
            name="Génération Do It Yourself",
            handle="gdiy",
            platform="podcast",
            posts=[],
        ),
        "marie": seed_creator(
            influent, workspace_id, name="Marie Durand", handle="marie.d", posts=[]
        ),
        "squeezie": seed_creator(
            influent, workspace_id, name="Squeezie", handle="squeezie", posts=[]
        ),
    }


def test_it_ranks_whom_customers_follow_from_a_typeform_export(
    influent: Influent, workspace_id: int, known: dict[str, int]
) -> None:
    with influent.session() as session:
        done = import_survey_csv(session, workspace_id=workspace_id, data=TYPEFORM)
        leads = survey_leads(session, workspace_id=workspace_id)
    assert (done.answers, done.matched, done.leads) == (3, 4, 2)
    assert [(lead.name, lead.mentions, lead.creator_id) for lead in leads] == [
        ("Léna Situations", 2, known["lena"]),
        ("Nouvelle Créatrice", 2, None),
        ("Génération Do It Yourself", 1, known["gdiy"]),
        ("Marie Durand", 1, known["marie"]),
    ]
    # The unmatched name is an identified lead whose provenance is the survey.
    assert leads[1].lead_id is not None and leads[1].provenance == "survey"


def test_it_does_not_count_an_export_twice(
    influent: Influent, workspace_id: int, known: dict[str, int]
) -> None:
    with influent.session() as session:
        import_survey_csv(session, workspace_id=workspace_id, data=TYPEFORM)
        again = import_survey_csv(session, workspace_id=workspace_id, data=TYPEFORM)
        leads = survey_leads(session, workspace_id=workspace_id)
    assert (again.answers, again.skipped_known) == (0, 3)
    assert leads[0].mentions == 2


def test_it_reads_a_google_forms_export_and_merges_near_names_into_one_lead(
    influent: Influent, workspace_id: int, known: dict[str, int]
) -> None:
    with influent.session() as session:
        import_survey_csv(session, workspace_id=workspace_id, data=TYPEFORM)
        done = import_survey_csv(session, workspace_id=workspace_id, data=GOOGLE)
        leads = {lead.name: lead for lead in survey_leads(session, workspace_id=workspace_id)}
    assert done.answers == 2 and done.matched == 2
    assert leads["Nouvelle Créatrice"].mentions == 3
    assert leads["Squeezie"].creator_id == known["squeezie"]
    assert leads["Léna Situations"].mentions == 3


def test_it_keeps_an_answer_from_the_public_page(
    influent: Influent, workspace_id: int, known: dict[str, int]
) -> None:
    with influent.session() as session:
        assert (
            submit_answer(session, workspace_id=workspace_id, answer="GDIY et Inconnu Total") == 2
        )
        leads = survey_leads(session, workspace_id=workspace_id)
    assert {(lead.name, lead.creator_id) for lead in leads} == {
        ("Génération Do It Yourself", known["gdiy"]),
        ("Inconnu Total", None),
    }


def test_it_refuses_an_empty_answer_and_an_unreadable_file(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        with pytest.raises(SurveyError):
            submit_answer(session, workspace_id=workspace_id, answer="   ")
        with pytest.raises(SurveyError):
            import_survey_csv(session, workspace_id=workspace_id, data=b"")
