"""How the command line speaks: the `--locale` option and the translator it chooses.

Every word a command prints comes from the catalogs (`services/locales/`), in the language of
`--locale`, else of INFLUENT_DEFAULT_LOCALE.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NoReturn

from influent.cli.common import app, fail
from influent.domain.messages import Message
from influent.services.i18n import Translator

if TYPE_CHECKING:
    from influent.domain.formatting import Locale

__all__ = ["LOCALE_HELP", "Language", "fail_with", "locale_of", "translator"]

LOCALE_HELP = "Language of the output, en or fr (default: INFLUENT_DEFAULT_LOCALE)."


class Language(StrEnum):
    EN = "en"
    FR = "fr"


def locale_of(language: Language | None) -> Locale:
    """The language asked for, else the installation's default."""
    if language is None:
        return app().settings.default_locale
    return "fr" if language is Language.FR else "en"


def translator(language: Language | None) -> Translator:
    return Translator(locale_of(language))


def fail_with(tr: Translator, message: Message | str, code: int = 1) -> NoReturn:
    """A message (or a sentence already written) on standard error, then exit with `code`."""
    text = tr.say(message) if isinstance(message, Message) else message
    fail(text, code, label=tr.t("cli.error"))
