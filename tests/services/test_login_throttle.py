"""Login throttling: per account and per address, a delay that doubles, counted on a clock."""

from __future__ import annotations

from influent.services.accounts import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_it_lets_the_first_failures_through_then_doubles_the_delay() -> None:
    clock = Clock()
    throttle = LoginThrottle(max_failures=3, clock=clock)
    waits = []
    for _ in range(6):
        waits.append(throttle.wait(email="a@example.com", address="10.0.0.1"))
        throttle.failed(email="a@example.com", address="10.0.0.1")
    assert waits[:3] == [0, 0, 0]
    assert throttle.wait(email="a@example.com", address="10.0.0.1") == 8.0  # 1, 2, 4, then 8
    clock.now += 7.5
    assert throttle.wait(email="A@example.com ", address="10.0.0.9") == 0.5
    clock.now += 0.5
    assert throttle.wait(email="a@example.com", address="10.0.0.1") == 0


def test_it_caps_the_delay() -> None:
    throttle = LoginThrottle(max_failures=1, max_delay=60, clock=Clock())
    for _ in range(40):
        throttle.failed(email="a@example.com", address=None)
    assert throttle.wait(email="a@example.com", address=None) == 60


def test_it_throttles_an_address_trying_many_accounts() -> None:
    clock = Clock()
    throttle = LoginThrottle(max_failures=2, address_factor=4, clock=clock)
    for n in range(8):
        throttle.failed(email=f"user{n}@example.com", address="203.0.113.7")
    assert throttle.wait(email="fresh@example.com", address="203.0.113.7") == 1.0
    assert throttle.wait(email="fresh@example.com", address="198.51.100.1") == 0


def test_a_success_clears_the_account_but_not_the_address() -> None:
    throttle = LoginThrottle(max_failures=2, address_factor=1, clock=Clock())
    throttle.failed(email="a@example.com", address="10.0.0.1")
    throttle.failed(email="a@example.com", address="10.0.0.1")
    throttle.succeeded(email="a@example.com")
    assert throttle.wait(email="a@example.com", address=None) == 0
    assert throttle.wait(email="a@example.com", address="10.0.0.1") == 1.0


def test_it_forgets_idle_records_and_stays_bounded() -> None:
    clock = Clock()
    throttle = LoginThrottle(max_failures=1, forget_after=3600, capacity=10, clock=clock)
    throttle.failed(email="a@example.com", address=None)
    clock.now += 3601
    assert throttle.wait(email="a@example.com", address=None) == 0
    for n in range(50):
        throttle.failed(email=f"u{n}@example.com", address=None)
    assert len(throttle._records) <= 10
