"""Words a user reads, as data: a message code and its parameters.

The domain and the services never write a sentence themselves. They return or raise a
`Message`; the faces render it through the catalogs (`services.i18n.Translator.say`), in the
user's language. A code is a catalog key, for example "campaign.error.duplicate_name".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Message", "MessageError"]


@dataclass(frozen=True, slots=True)
class Message:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


class MessageError(ValueError):
    """A refusal a user must read: carries a `Message`; str() is the code, for logs."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.message = Message(code, params)
        super().__init__(code)

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def params(self) -> Mapping[str, Any]:
        return self.message.params
