"""The deals wing's refusals: `MessageError`s with `deal.error.*` codes."""

from __future__ import annotations

from influent.domain.messages import MessageError


class DealError(MessageError):
    """A deal, a code or a discount that cannot be written as asked; nothing was written."""
