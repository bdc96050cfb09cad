"""Countries and languages as people write them, read into ISO codes."""

from __future__ import annotations

from functools import lru_cache

from influent.domain.values import normalise_key

__all__ = ["normalise_country", "normalise_language"]

_NAME_LOCALES = ("en", "fr")
_EXTRA_COUNTRIES = {
    "uk": "GB",
    "usa": "US",
    "etats unis": "US",
    "angleterre": "GB",
    "suisse romande": "CH",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    from babel import Locale  # its locale data loads when a country is first read

    table: dict[str, str] = {}
    for locale in _NAME_LOCALES:
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                table[normalise_key(name)] = code
                table[code.lower()] = code
    table.update(_EXTRA_COUNTRIES)
    return table


@lru_cache(maxsize=1)
def _languages() -> dict[str, str]:
    from babel import Locale

    table: dict[str, str] = {}
    for locale in _NAME_LOCALES:
        for code, name in Locale(locale).languages.items():
            if len(code) == 2:
                table[normalise_key(name)] = code
                table[code] = code
    return table


@lru_cache(maxsize=4096)
def normalise_country(text: str) -> str:
    """'France', 'france', 'FR' -> 'FR'; unknown text is kept as typed."""
    return _countries().get(normalise_key(text), text.strip())


@lru_cache(maxsize=4096)
def normalise_language(text: str) -> str:
    """'Français', 'French', 'FR', 'fr-FR' -> 'fr'; unknown text is kept as typed."""
    key = normalise_key(text.replace("_", "-").split("-")[0] if len(text) <= 6 else text)
    return _languages().get(key, text.strip())
