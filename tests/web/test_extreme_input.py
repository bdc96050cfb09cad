"""Extreme numbers and names in URLs and forms: 404 or 422, never a 500."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from influent.services.accounts import users
from influent.services.core import Influent
from influent.web import create_app
from influent_testing import Team
from web.conftest import Browser

HUGE = str(2**63)  # one past the largest 64-bit id
ABSURD = "1" + "0" * 30


@pytest.fixture
def bearer(influent: Influent, team: Team) -> dict[str, str]:
    with influent.session() as session:
        token = users.create_token(session, user_id=team.owner.user_id, name="tests")
    return {"Authorization": f"Bearer {token}"}


def test_the_api_answers_extreme_ids_and_pages_with_a_4xx(
    anonymous: Browser, bearer: dict[str, str], make_creator: Callable[..., int]
) -> None:
    make_creator("marie")
    for url in (
        f"/api/v1/creators/{HUGE}",
        f"/api/v1/creators/{ABSURD}",
        "/api/v1/creators/-1",
        "/api/v1/creators/0",
        "/api/v1/creators/abc",
        f"/api/v1/creators/{HUGE}/audit",
        f"/api/v1/creators/{HUGE}/history",
        f"/api/v1/creators?page={ABSURD}",
        f"/api/v1/creators?page={HUGE}",
        "/api/v1/creators?page=-3",
    ):
        response = anonymous.get(url, headers=bearer)
        assert response.status_code in (404, 422), (url, response.status_code)
    patch = anonymous.patch(f"/api/v1/creators/{HUGE}", headers=bearer, json={"name": "x"})
    assert patch.status_code in (404, 422)
    assert anonymous.get("/api/v1/creators?page=1000000", headers=bearer).status_code == 200
    # The page size is clamped to 500, as documented.
    clamped = anonymous.get(f"/api/v1/creators?per_page={ABSURD}", headers=bearer)
    assert clamped.status_code == 200 and clamped.json()["per_page"] == 500


def test_the_pages_answer_extreme_ids_and_pages_without_a_500(
    owner: Browser, make_creator: Callable[..., int]
) -> None:
    make_creator("marie")
    for url in (
        f"/creators/{HUGE}",
        f"/creators/{ABSURD}",
        "/creators/abc",
        f"/creators/{HUGE}/vetting",
        f"/creators?page={ABSURD}",
        f"/creators?page={'9' * 5000}",
    ):
        response = owner.get(url)
        assert response.status_code in (200, 404, 422), (url, response.status_code)
    shortlist = owner.submit("/discovery/shortlist", {"creator_id": HUGE}, follow_redirects=False)
    assert shortlist.status_code in (303, 422)


def test_every_integer_in_an_api_path_is_bounded(influent: Influent) -> None:
    """Routes added later get the same guard: each integer path parameter has a maximum."""
    schema = create_app(influent=influent).openapi()
    checked = 0
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "path" or parameter["schema"].get("type") != "integer":
                    continue
                assert parameter["schema"].get("maximum") == 2**63 - 1, path
                checked += 1
    assert checked >= 5
    assert re.search(r"\{creator_id\}", " ".join(schema["paths"]))


def test_the_api_imports_a_file_with_a_300_character_name(
    anonymous: Browser, bearer: dict[str, str]
) -> None:
    name = "c" * 296 + ".csv"
    response = anonymous.post(
        "/api/v1/imports",
        headers=bearer,
        files={"file": (name, b"Nom,Pseudo\nMarie,@marie\n")},
        data={"dry_run": "true", "platform": "instagram"},
    )
    assert response.status_code == 200, response.text


def test_the_api_refuses_a_nul_character_with_a_422(
    anonymous: Browser, bearer: dict[str, str], make_creator: Callable[..., int]
) -> None:
    creator_id = make_creator("marie")
    url = f"/api/v1/creators/{creator_id}"
    for response in (
        anonymous.post(f"{url}/tags", headers=bearer, json={"tags": ["\x00"]}),
        anonymous.patch(url, headers=bearer, json={"name": "Ma\x00rie"}),
        anonymous.get("/api/v1/creators?q=%00", headers=bearer),
        anonymous.delete(f"{url}/tags/a%00b", headers=bearer),
    ):
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["msg"] == "Text cannot contain a NUL character."


def test_an_import_takes_stray_nul_characters_out(
    anonymous: Browser, bearer: dict[str, str]
) -> None:
    # Past the first 8 KB, where the binary check looks.
    filler = b"".join(b"Creator %d,@creator%d\n" % (n, n) for n in range(500))
    data = b"Nom,Pseudo\n" + filler + b"Ma\x00rie,@marie\n"
    response = anonymous.post(
        "/api/v1/imports",
        headers=bearer,
        files={"file": ("list.csv", data)},
        data={"platform": "instagram"},
    )
    assert response.status_code == 200, response.text
    names = {
        c["name"] for c in anonymous.get("/api/v1/creators", headers=bearer).json()["creators"]
    }
    assert "Marie" in names
