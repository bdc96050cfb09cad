"""The JSON API: Bearer tokens, creators CRUD, tags, notes, imports and exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team
from web.conftest import Browser

Tokens = dict[str, dict[str, str]]


@pytest.fixture
def auth(influent: Influent, team: Team) -> Tokens:
    """An Authorization header for each member of the team."""
    with influent.session() as session:
        return {
            who: {
                "Authorization": "Bearer "
                + users.create_token(session, user_id=getattr(team, who).user_id, name="tests")
            }
            for who in ("owner", "member", "viewer", "outsider")
        }


@pytest.fixture
def api(anonymous: Browser) -> Browser:
    return anonymous


def test_it_requires_a_valid_token(api: Browser, auth: Tokens) -> None:
    missing = api.get("/api/v1/creators")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = api.get("/api/v1/creators", headers={"Authorization": "Bearer inf_nope"})
    assert wrong.status_code == 401
    assert api.get("/api/v1/creators", headers=auth["viewer"]).status_code == 200


def test_it_ignores_the_session_cookie(owner: Browser) -> None:
    assert owner.get("/api/v1/creators").status_code == 401


def test_it_creates_reads_edits_tags_and_notes_a_creator(api: Browser, auth: Tokens) -> None:
    created = api.post(
        "/api/v1/creators",
        headers=auth["member"],
        json={
            "account": "https://www.instagram.com/lea.cuisine/",
            "name": "Léa",
            "followers": 150_000,
            "engagement_rate": 0.053,
            "country": "France",
            "tags": ["food"],
        },
    )
    assert created.status_code == 201, created.text
    creator = created.json()
    assert (creator["handle"], creator["platform"], creator["country"]) == (
        "lea.cuisine",
        "instagram",
        "FR",
    )
    assert creator["accounts"][0]["stats_source"] == "manual"
    url = f"/api/v1/creators/{creator['id']}"
    edited = api.patch(url, headers=auth["member"], json={"email": "LEA@example.com"})
    assert edited.json()["email"] == "lea@example.com"
    assert edited.json()["name"] == "Léa"
    tagged = api.post(f"{url}/tags", headers=auth["member"], json={"tags": ["vip", "summer"]})
    assert tagged.json()["tags"] == ["food", "summer", "vip"]
    untagged = api.delete(f"{url}/tags/food", headers=auth["member"])
    assert untagged.json()["tags"] == ["summer", "vip"]
    note = api.post(f"{url}/notes", headers=auth["member"], json={"body": "Loves the brand"})
    assert note.status_code == 201
    detail = api.get(url, headers=auth["viewer"]).json()
    assert [n["body"] for n in detail["note_items"]] == ["Loves the brand"]


def test_it_explains_a_creator_it_cannot_add(api: Browser, auth: Tokens) -> None:
    bare = api.post("/api/v1/creators", headers=auth["owner"], json={"account": "@lea"})
    assert bare.status_code == 422
    assert "platform" in bare.json()["detail"][0]["msg"]
    body = {"account": "@lea", "platform": "tiktok"}
    assert api.post("/api/v1/creators", headers=auth["owner"], json=body).status_code == 201
    clash = api.post("/api/v1/creators", headers=auth["owner"], json=body)
    assert clash.status_code == 422
    assert "already belongs" in clash.json()["detail"][0]["msg"]


def test_it_lists_with_filters_and_pages(
    api: Browser, auth: Tokens, make_creator: Callable[..., int]
) -> None:
    for number in range(5):
        make_creator(f"creator{number}", followers=10_000 * (number + 1))
    listing = api.get(
        "/api/v1/creators?min_followers=20k&per_page=2&page=2", headers=auth["viewer"]
    ).json()
    assert (listing["total"], listing["total_is_exact"], listing["pages"]) == (4, True, 2)
    assert [c["followers"] for c in listing["creators"]] == [30_000, 20_000]
    searched = api.get("/api/v1/creators?q=creator3", headers=auth["viewer"]).json()
    assert [c["handle"] for c in searched["creators"]] == ["creator3"]
    bad = api.get("/api/v1/creators?min_followers=lots", headers=auth["viewer"])
    assert bad.status_code == 422


def test_it_refuses_writes_to_a_viewer_token(
    api: Browser, auth: Tokens, make_creator: Callable[..., int]
) -> None:
    creator_id = make_creator("lea.cuisine")
    url = f"/api/v1/creators/{creator_id}"
    viewer = auth["viewer"]
    assert api.get(url, headers=viewer).status_code == 200
    writes = [
        api.post("/api/v1/creators", headers=viewer, json={"account": "@x", "platform": "x"}),
        api.patch(url, headers=viewer, json={"name": "X"}),
        api.post(f"{url}/tags", headers=viewer, json={"tags": ["x"]}),
        api.delete(f"{url}/tags/x", headers=viewer),
        api.post(f"{url}/notes", headers=viewer, json={"body": "x"}),
        api.post("/api/v1/imports", headers=viewer, files={"file": ("a.csv", b"Pseudo\n@a\n")}),
    ]
    assert [r.status_code for r in writes] == [403] * len(writes)


def test_it_hides_another_workspace_s_creators(
    api: Browser, auth: Tokens, make_creator: Callable[..., int]
) -> None:
    creator_id = make_creator("lea.cuisine")
    outsider = auth["outsider"]
    assert api.get(f"/api/v1/creators/{creator_id}", headers=outsider).status_code == 404
    patch = api.patch(f"/api/v1/creators/{creator_id}", headers=outsider, json={"name": "X"})
    assert patch.status_code == 404
    assert api.get("/api/v1/creators", headers=outsider).json()["total"] == 0


def test_it_imports_through_the_api(api: Browser, auth: Tokens) -> None:
    data = "Nom;Pseudo;Audience totale\nMarie;@marie;12k\nBad;@bad;beaucoup\n".encode("cp1252")

    def send(**fields: str | list[str]) -> tuple[int, dict[str, object]]:
        response = api.post(
            "/api/v1/imports",
            headers=auth["member"],
            files={"file": ("list.csv", data)},
            data={"platform": "instagram", **fields},
        )
        return response.status_code, response.json()

    status, report = send(dry_run="true")
    assert (status, report["created"], report["written"]) == (200, 1, False)
    assert [(p["row"], p["value"]) for p in report["problems"]] == [(3, "beaucoup")]
    assert [(p["code"], p["params"]) for p in report["problems"]] == [
        ("not_a_count", {"text": "beaucoup"})
    ]
    status, report = send()
    assert (status, report["written"], report["rejected"]) == (422, False, 1)
    status, report = send(skip_invalid="true", map=["Audience totale=ignore"])
    assert (status, report["created"], report["written"]) == (200, 2, True)
    assert report["mapping"]["Audience totale"] == "ignored"


def test_it_answers_400_for_an_unreadable_file(api: Browser, auth: Tokens) -> None:
    response = api.post(
        "/api/v1/imports", headers=auth["owner"], files={"file": ("x.xlsx", b"not a workbook")}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "x.xlsx is not a valid XLSX file."
    bad_map = api.post(
        "/api/v1/imports",
        headers=auth["owner"],
        files={"file": ("x.csv", b"Pseudo\n@a\n")},
        data={"map": "Pseudo=size"},
    )
    assert bad_map.status_code == 400


def test_it_exports_through_the_api(
    api: Browser, auth: Tokens, make_creator: Callable[..., int]
) -> None:
    make_creator("lea.cuisine", followers=150_000)
    response = api.get("/api/v1/export?format=csv", headers=auth["viewer"])
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["handle"], r["followers"]) for r in rows] == [("lea.cuisine", "150000")]
    xlsx = api.get("/api/v1/export", headers=auth["viewer"])
    assert xlsx.content[:2] == b"PK"
    assert api.get("/api/v1/export?format=pdf", headers=auth["viewer"]).status_code == 422


def test_it_documents_the_api(api: Browser) -> None:
    schema = api.get("/api/openapi.json").json()
    assert "/api/v1/creators" in schema["paths"]
    assert "/api/v1/imports" in schema["paths"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    docs = api.get("/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_it_lists_sorts_and_filters_by_audience_quality(api: Browser, auth: Tokens) -> None:
    sheet = "name,platform,handle,followers,engagement\nAda,instagram,ada,150k,2%\nCy,instagram,cy,150k,0.2%\n"
    imported = api.post(
        "/api/v1/imports", headers=auth["member"], files={"file": ("q.csv", sheet.encode())}
    )
    assert imported.status_code == 200, imported.text
    listed = api.get("/api/v1/creators?sort=-quality", headers=auth["viewer"]).json()
    assert [c["handle"] for c in listed["creators"]] == ["ada", "cy"]
    ada = listed["creators"][0]["quality"]
    assert ada["provisional"] and ada["signals_used"] == 1 and ada["confidence"] == 0.125
    assert ada["score_low"] <= ada["score"] <= ada["score_high"]
    below = api.get("/api/v1/creators?max_quality=49", headers=auth["viewer"]).json()
    assert [c["handle"] for c in below["creators"]] == ["cy"]
    assert below["creators"][0]["quality"]["worst_flag"] == "engagement_vs_tier"
    flagged = api.get("/api/v1/creators?flag=engagement_vs_tier", headers=auth["viewer"])
    assert [c["handle"] for c in flagged.json()["creators"]] == ["cy"]
    bad = api.get("/api/v1/creators?flag=shady&max_quality=lots", headers=auth["viewer"])
    assert bad.status_code == 422
    assert {e["loc"][-1] for e in bad.json()["detail"]} == {"flag", "max_quality"}
