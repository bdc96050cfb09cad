"""Throttled logins on the web: refused before the password hash, with a clear sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher

from influent.services import accounts
from influent.services.accounts import users
from influent_testing import PASSWORD, Team
from web.conftest import Browser


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class CountingHasher(PasswordHasher):
    """The cheap test hasher, counting how many times a password is hashed or checked."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.calls = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.calls += 1
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.calls += 1
        return super().verify(hash, password)


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher()
    monkeypatch.setattr(users, "_hasher", counting)
    return counting


def _attempt(browser: Browser, email: str, password: str, **headers: Any) -> Any:
    return browser.submit(
        "/login", {"email": email, "password": password}, follow_redirects=False, headers=headers
    )


def test_after_n_failures_the_right_password_waits_for_the_delay(
    app_client: Callable[[], Browser], team: Team, hasher: CountingHasher
) -> None:
    clock = Clock()
    browser = app_client()
    browser.app.state.login_throttle = accounts.LoginThrottle(max_failures=3, clock=clock)
    browser.refresh_csrf()
    for _ in range(3):
        assert _attempt(browser, team.owner.email, "wrong-password").status_code == 400
    hashed = hasher.calls
    refused = _attempt(browser, team.owner.email, PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    assert "Too many failed logins" in refused.text and "Try again in 1 s." in refused.text
    assert hasher.calls == hashed  # argon2 did not run
    clock.now += 1
    assert _attempt(browser, team.owner.email, "wrong-again").status_code == 400
    refused = _attempt(browser, team.owner.email, PASSWORD)
    assert (refused.status_code, refused.headers["retry-after"]) == (429, "2")
    clock.now += 2
    accepted = _attempt(browser, team.owner.email, PASSWORD)
    assert accepted.status_code == 303


def test_it_says_so_in_french(app_client: Callable[[], Browser], team: Team) -> None:
    browser = app_client()
    browser.app.state.login_throttle = accounts.LoginThrottle(max_failures=1, clock=Clock())
    browser.refresh_csrf()
    _attempt(browser, team.owner.email, "wrong-password", **{"Accept-Language": "fr"})
    refused = _attempt(browser, team.owner.email, PASSWORD, **{"Accept-Language": "fr"})
    assert refused.status_code == 429
    assert "Trop de connexions échouées" in refused.text
    assert "Réessayez dans 1 s." in refused.text


def test_failures_on_one_account_do_not_lock_another(
    app_client: Callable[[], Browser], team: Team
) -> None:
    browser = app_client()
    browser.app.state.login_throttle = accounts.LoginThrottle(max_failures=2, clock=Clock())
    browser.refresh_csrf()
    for _ in range(2):
        _attempt(browser, team.owner.email, "wrong-password")
    assert _attempt(browser, team.member.email, PASSWORD).status_code == 303
