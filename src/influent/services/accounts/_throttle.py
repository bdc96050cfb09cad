"""Login throttling per account and per address, with a delay that doubles on each failure.

The check runs before the password hash, so a flood of wrong passwords costs a dictionary
lookup each instead of an argon2 hash. State is kept in memory: `influent serve` is one
process, and a restart forgetting the counts costs an attacker a restart's worth of tries.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["LoginThrottle"]


@dataclass(slots=True)
class _Record:
    failures: int
    last: float


class LoginThrottle:
    """Counts failed logins by account and by address, and says how long to wait.

    After `max_failures` failures of an account, the next attempt waits `base_delay`
    seconds, then twice as long after each further failure, up to `max_delay`. An address
    gets `address_factor` times more failures (an office shares one address). A success
    clears the account's count; records idle for `forget_after` seconds are forgotten.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        base_delay: float = 1.0,
        max_delay: float = 15 * 60,
        address_factor: int = 4,
        forget_after: float = 24 * 3600,
        capacity: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max(1, max_failures)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.address_factor = address_factor
        self.forget_after = forget_after
        self.capacity = capacity
        self.clock = clock
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def _delay(self, record: _Record | None, allowed: int) -> float:
        if record is None or record.failures < allowed:
            return 0.0
        delay = min(self.base_delay * 2.0 ** (record.failures - allowed), self.max_delay)
        return max(0.0, record.last + delay - self.clock())

    def _get(self, key: str) -> _Record | None:
        record = self._records.get(key)
        if record is not None and self.clock() - record.last > self.forget_after:
            del self._records[key]
            return None
        return record

    def wait(self, *, email: str, address: str | None) -> float:
        """Seconds before this account may try again from this address (0: try now)."""
        with self._lock:
            account = self._delay(self._get("user:" + email.strip().lower()), self.max_failures)
            by_address = (
                self._delay(self._get("addr:" + address), self.max_failures * self.address_factor)
                if address
                else 0.0
            )
        return max(account, by_address)

    def failed(self, *, email: str, address: str | None) -> None:
        now = self.clock()
        keys = ["user:" + email.strip().lower()] + (["addr:" + address] if address else [])
        with self._lock:
            for key in keys:
                record = self._get(key)
                if record is None:
                    record = self._records[key] = _Record(0, now)
                record.failures += 1
                record.last = now
                self._records.move_to_end(key)
            while len(self._records) > self.capacity:
                self._records.popitem(last=False)

    def succeeded(self, *, email: str) -> None:
        # Only the account is cleared: logging into one's own account must not reset the
        # address's count of failures against other accounts.
        with self._lock:
            self._records.pop("user:" + email.strip().lower(), None)
