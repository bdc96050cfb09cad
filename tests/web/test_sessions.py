"""Sessions end when their user says so: logout, password change, deactivation, revocation."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

from itsdangerous import TimestampSigner

from influent.services.accounts import users
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD, Team
from web.conftest import Browser


def _copy(browser: Browser, make: Callable[[], Browser]) -> Browser:
    """Another browser holding a copy of `browser`'s cookies (a stolen or replayed cookie)."""
    thief = make()
    for name, value in browser.cookies.items():
        thief.cookies.set(name, value)
    return thief


def _logged_in(browser: Browser) -> bool:
    return browser.get("/creators", follow_redirects=False).status_code == 200


def _cookie(secret: str, data: dict[str, object]) -> str:
    # Starlette's SessionMiddleware format: base64 JSON signed with itsdangerous.
    payload = base64.b64encode(json.dumps(data).encode())
    return TimestampSigner(secret).sign(payload).decode()


def test_it_refuses_a_copied_cookie_after_logout(
    owner: Browser, app_client: Callable[[], Browser]
) -> None:
    thief = _copy(owner, app_client)
    assert _logged_in(thief)
    owner.submit("/logout")
    assert not _logged_in(owner)
    assert not _logged_in(thief)
    assert thief.get("/creators", follow_redirects=False).headers["location"].startswith("/login")


def test_it_ends_every_other_session_when_the_password_changes(
    app_client: Callable[[], Browser], team: Team
) -> None:
    laptop = app_client().login(team.member.email)
    phone = app_client().login(team.member.email)
    copied = _copy(phone, app_client)
    response = laptop.submit(
        "/account/password",
        {"current": PASSWORD, "new": "a new long password", "again": "a new long password"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert _logged_in(laptop)  # the browser that changed it keeps a fresh session
    assert not _logged_in(phone)
    assert not _logged_in(copied)
    app_client().login(team.member.email, "a new long password")


def test_it_refuses_a_password_change_with_a_wrong_current_password(member: Browser) -> None:
    response = member.submit(
        "/account/password", {"current": "wrong-wrong", "new": "n" * 12, "again": "n" * 12}
    )
    assert response.status_code == 400
    assert "The current password is wrong." in response.text
    assert _logged_in(member)


def test_it_logs_out_everywhere(app_client: Callable[[], Browser], team: Team) -> None:
    one = app_client().login(team.viewer.email)
    two = app_client().login(team.viewer.email)
    one.submit("/account/logout-everywhere")
    assert not _logged_in(one)
    assert not _logged_in(two)


def test_an_owner_deactivates_a_member_who_is_then_refused(
    owner: Browser, member: Browser, app_client: Callable[[], Browser], team: Team
) -> None:
    assert _logged_in(member)
    response = owner.submit(f"/account/users/{team.member.user_id}/deactivate")
    assert response.status_code == 200 and "is deactivated" in response.text
    assert not _logged_in(member)
    again = app_client()
    again.refresh_csrf()
    refused = again.submit("/login", {"email": team.member.email, "password": PASSWORD})
    assert refused.status_code == 400
    owner.submit(f"/account/users/{team.member.user_id}/reactivate")
    app_client().login(team.member.email)


def test_a_member_cannot_deactivate_anyone(member: Browser, team: Team) -> None:
    response = member.submit(f"/account/users/{team.viewer.user_id}/deactivate")
    assert response.status_code == 403


def test_an_owner_cannot_manage_another_workspace_s_user(owner: Browser, team: Team) -> None:
    response = owner.submit(f"/account/users/{team.outsider.user_id}/deactivate")
    assert response.status_code == 404


def test_the_api_refuses_a_revoked_token(owner: Browser, influent: Influent, team: Team) -> None:
    with influent.session() as session:
        token = users.create_token(session, user_id=team.member.user_id, name="zapier")
    bearer = {"Authorization": f"Bearer {token}"}
    assert owner.get("/api/v1/creators", headers=bearer).status_code == 200
    page = owner.get("/account")
    assert "zapier" in page.text and "member@example.com" in page.text
    token_id = int(page.text.split('action="/account/tokens/')[1].split("/")[0])
    response = owner.submit(f"/account/tokens/{token_id}/revoke")
    assert response.status_code == 200 and "is revoked" in response.text
    assert owner.get("/api/v1/creators", headers=bearer).status_code == 401


def test_the_api_refuses_a_deactivated_user_s_token(
    owner: Browser, influent: Influent, team: Team
) -> None:
    with influent.session() as session:
        token = users.create_token(session, user_id=team.viewer.user_id, name="sheet")
    bearer = {"Authorization": f"Bearer {token}"}
    owner.submit(f"/account/users/{team.viewer.user_id}/deactivate")
    assert owner.get("/api/v1/creators", headers=bearer).status_code == 401


def test_it_refuses_a_cookie_forged_with_the_old_default_secret(
    anonymous: Browser, team: Team
) -> None:
    anonymous.cookies.set(
        "influent_session", _cookie("changethis", {"user_id": team.owner.user_id})
    )
    assert not _logged_in(anonymous)


def test_it_refuses_a_cookie_signed_with_a_wrong_secret(
    owner: Browser, app_client: Callable[[], Browser]
) -> None:
    thief = app_client()
    value = owner.cookies["influent_session"]
    payload = value.rsplit(".", 2)[0]
    data = json.loads(base64.b64decode(payload))
    thief.cookies.set("influent_session", _cookie("another-secret-" + "y" * 40, data))
    assert not _logged_in(thief)
    assert _logged_in(_copy(owner, app_client))  # the genuine cookie still works


def test_it_refuses_an_old_style_cookie_signed_with_the_real_secret(
    anonymous: Browser, team: Team, influent: Influent
) -> None:
    secret = influent.settings.secret_key
    assert secret is not None
    anonymous.cookies.set("influent_session", _cookie(secret, {"user_id": team.owner.user_id}))
    assert not _logged_in(anonymous)


def test_an_unconfigured_install_signs_with_its_own_secret_and_refuses_the_old_default(
    influent: Influent, team: Team, tmp_path: Path
) -> None:
    # What `make demo` runs: no INFLUENT_SECRET_KEY at all.
    settings = Settings(database_url=influent.settings.database_url, data_dir=tmp_path / "data")
    app = Influent(settings)
    try:
        first = Browser(create_app(influent=app)).login(team.owner.email)
        assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600
        # A restart reads the same secret: the cookie still works.
        second = Browser(create_app(influent=app))
        second.cookies.set("influent_session", first.cookies["influent_session"])
        assert _logged_in(second)
        forged = Browser(create_app(influent=app))
        forged.cookies.set(
            "influent_session", _cookie("changethis", {"user_id": team.owner.user_id})
        )
        assert not _logged_in(forged)
    finally:
        app.close()
