"""Logging in and out, CSRF, security headers and who may change what."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.routing import APIRoute

from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent.web.csrf import csrf_protect
from influent_testing import PASSWORD, Team
from web.conftest import Browser


def test_it_sends_visitors_to_the_login_page(anonymous: Browser) -> None:
    response = anonymous.get("/creators?platform=youtube", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fcreators%3Fplatform%3Dyoutube"
    assert anonymous.get("/", follow_redirects=False).headers["location"] == "/login"


def test_it_logs_in_and_returns_to_the_page_asked_for(anonymous: Browser, team: Team) -> None:
    anonymous.refresh_csrf()
    response = anonymous.submit(
        "/login",
        {"email": "OWNER@example.com ", "password": PASSWORD, "next": "/creators?tier=micro"},
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/creators?tier=micro")
    assert anonymous.get("/", follow_redirects=False).headers["location"] == "/creators"
    assert "owner@example.com" in anonymous.get("/creators").text


def test_it_refuses_a_wrong_password(anonymous: Browser, team: Team) -> None:
    anonymous.refresh_csrf()
    response = anonymous.submit("/login", {"email": team.owner.email, "password": "nope-nope"})
    assert response.status_code == 400
    assert "Wrong email or password." in response.text
    assert anonymous.get("/creators", follow_redirects=False).status_code == 303


def test_it_never_redirects_off_site_after_login(anonymous: Browser, team: Team) -> None:
    anonymous.refresh_csrf()
    response = anonymous.submit(
        "/login",
        {"email": team.owner.email, "password": PASSWORD, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/creators"


def test_it_logs_out(owner: Browser) -> None:
    response = owner.submit("/logout", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert owner.get("/creators", follow_redirects=False).status_code == 303


def test_it_rejects_a_form_without_the_csrf_token(owner: Browser, team: Team) -> None:
    assert owner.post("/logout", follow_redirects=False).status_code == 403
    wrong = owner.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert wrong.status_code == 403
    assert "The form has expired" in wrong.text
    # Still logged in: neither request did anything.
    assert owner.get("/creators").status_code == 200


def test_it_rejects_a_login_form_without_the_csrf_token(anonymous: Browser, team: Team) -> None:
    response = anonymous.post("/login", data={"email": team.owner.email, "password": PASSWORD})
    assert response.status_code == 403


def test_it_accepts_the_csrf_token_in_the_htmx_header(owner: Browser) -> None:
    response = owner.post("/logout", headers={"X-CSRF-Token": owner.csrf}, follow_redirects=False)
    assert response.status_code == 303


def test_it_guards_every_unsafe_page_route_with_csrf(
    settings: Settings, influent: Influent
) -> None:
    app = create_app(settings=settings, influent=influent)
    unguarded = [
        route.path
        for route in app.routes
        if isinstance(route, APIRoute)
        and route.methods - {"GET", "HEAD"}
        and not route.path.startswith("/api/")
        and csrf_protect not in [d.call for d in route.dependant.dependencies]
    ]
    assert unguarded == []


def test_it_sends_security_headers(anonymous: Browser) -> None:
    headers = anonymous.get("/login").headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "same-origin"


def test_it_signs_a_lax_http_only_session_cookie(
    app_client: Callable[[], Browser], team: Team
) -> None:
    client = app_client()
    client.refresh_csrf()
    response = client.submit(
        "/login", {"email": team.owner.email, "password": PASSWORD}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"].lower()
    assert "influent_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_it_shows_a_viewer_no_write_buttons(
    viewer: Browser, make_creator: Callable[..., int]
) -> None:
    creator_id = make_creator("lea.cuisine")
    page = viewer.get(f"/creators/{creator_id}").text
    assert "Lea.Cuisine" in page
    assert 'action="/creators/' not in page
    assert 'href="/import"' not in viewer.get("/creators").text


def test_it_forbids_a_viewer_every_write(viewer: Browser, make_creator: Callable[..., int]) -> None:
    creator_id = make_creator("lea.cuisine")
    writes = [
        (f"/creators/{creator_id}", {"name": "Changed"}),
        (f"/creators/{creator_id}/tags", {"tag": "vip"}),
        (f"/creators/{creator_id}/tags/remove", {"tag": "vip"}),
        (f"/creators/{creator_id}/notes", {"body": "hello"}),
        ("/import/review", {}),
        ("/import/confirm", {}),
        ("/import/cancel", {}),
    ]
    for url, data in writes:
        assert viewer.submit(url, data).status_code == 403, url
    assert viewer.get("/import").status_code == 403
    assert viewer.submit("/import", files={"file": ("a.csv", b"x")}).status_code == 403
    assert "Lea.Cuisine" in viewer.get(f"/creators/{creator_id}").text


def test_it_hides_another_workspace_s_creator(
    outsider: Browser, make_creator: Callable[..., int]
) -> None:
    creator_id = make_creator("lea.cuisine")
    assert outsider.get(f"/creators/{creator_id}").status_code == 404
    assert outsider.submit(f"/creators/{creator_id}/notes", {"body": "x"}).status_code == 404
    assert "lea.cuisine" not in outsider.get("/creators").text
