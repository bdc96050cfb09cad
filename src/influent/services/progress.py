"""How long work reports its progress, whatever face shows it."""

from __future__ import annotations

from typing import Protocol

__all__ = ["NO_PROGRESS", "Progress"]


class Progress(Protocol):
    def stage(self, description: str, total: int | None) -> None:
        """A new stage starts, with `total` steps when known."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the current stage are done."""


class _Silent:
    def stage(self, description: str, total: int | None) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None


NO_PROGRESS: Progress = _Silent()
