"""Words a user reads, as data: a message code and its parameters.

The domain and the services never write a sentence themselves. They return or raise a
`Message`; the faces render it through the catalogs (`services.i18n.Translator.say`), in the
user's language. A code is a catalog key, for example "campaign.error.duplicate_name".

Parameters stay values, not text, so each language writes them its own way: an int or a float
is a number ("12,500", "12 500"), a `Percent` a rate, a `Figure` a number with fixed decimals
or a sign, a `Day` a day and month ("13 March", "13 mars"), an `Ordinal` a rank ("91st",
"91e"), a `date` its ISO form, and a nested
`Message` a sentence of its own. A `count`
parameter chooses the plural form (`code.one`, `code.other` in the catalogs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Day", "Figure", "Message", "MessageError", "Month", "Ordinal", "Percent", "message"]


@dataclass(frozen=True, slots=True)
class Message:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        # Parameters are a mapping; a message is still a value, usable in sets.
        return hash((self.code, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def message(code: str, /, **params: Any) -> Message:
    """`Message(code, params)` with the parameters as keywords."""
    return Message(code, params)


@dataclass(frozen=True, slots=True)
class Percent:
    """A rate stored as a fraction (0.053), written as a percentage; `digits` fixes decimals."""

    rate: float
    digits: int | None = None
    signed: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """A number written with exactly `digits` decimals, and a sign when `signed`."""

    value: float
    digits: int | None = None
    signed: bool = False


@dataclass(frozen=True, slots=True)
class Ordinal:
    """A rank written as each language writes it ("91st", "91e", "1er")."""

    value: int


@dataclass(frozen=True, slots=True)
class Day:
    """A day written as people say it, day and month ("13 March", "le 13 mars")."""

    day: date


@dataclass(frozen=True, slots=True)
class Month:
    """A month and its year, as people say it ("March 2018", "mars 2018")."""

    day: date


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
