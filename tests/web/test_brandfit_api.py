from __future__ import annotations

from brandfit_testing import seed_creator
from influent.services.accounts import users
from influent.services.brandfit import brief_from_toml, save_brief
from influent.services.core import Influent
from influent_testing import FIXTURES, Team
from web.conftest import Browser


def _token(influent: Influent, user_id: int) -> dict[str, str]:
    with influent.session() as session:
        return {"Authorization": "Bearer " + users.create_token(session, user_id=user_id, name="t")}


def test_the_api_returns_the_shortlist_in_the_documented_shape(
    anonymous: Browser, influent: Influent, team: Team
) -> None:
    seed_creator(
        influent,
        team.workspace_id,
        name="Léa Soin",
        handle="lea.soin",
        posts=["Routine peau sensible, cosmétiques vegan", "Mon sérum Typology"],
    )
    with influent.session() as session:
        toml = (FIXTURES / "brandfit" / "maison-verte.toml").read_text(encoding="utf-8")
        save_brief(session, workspace_id=team.workspace_id, data=brief_from_toml(toml))
    headers = _token(influent, team.viewer.user_id)
    response = anonymous.get(
        "/api/v1/briefs/maison-verte-serum-vegan/shortlist?weight=fit=6", headers=headers
    )
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["brief"] == "Maison Verte — sérum vegan" and data["weights"]["fit"] == 6
    row = data["results"][0]
    assert row["rank"] == 1 and row["accounts"][0]["handle"] == "lea.soin"
    assert row["flags"][0]["kind"] == "competitor" and row["evidence"][0]["url"]
    assert row["parts"]["budget"] is None and "budget" in row["missing"]


def test_the_api_answers_404_for_another_workspace_s_brief(
    anonymous: Browser, influent: Influent, team: Team
) -> None:
    with influent.session() as session:
        toml = (FIXTURES / "brandfit" / "maison-verte.toml").read_text(encoding="utf-8")
        save_brief(session, workspace_id=team.workspace_id, data=brief_from_toml(toml))
    headers = _token(influent, team.outsider.user_id)
    response = anonymous.get("/api/v1/briefs/maison-verte-serum-vegan/shortlist", headers=headers)
    assert response.status_code == 404
    bad = anonymous.get(
        "/api/v1/briefs/x/shortlist?weight=charisma=2", headers=_token(influent, team.owner.user_id)
    )
    assert bad.status_code == 422
