"""Wings that import their public names on first use.

A wing's `__init__` names where each public name lives; nothing is imported until a face reads
the name. The command line then starts without loading the database layer, the chart library
or the column engines of the wings a command does not use.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import Any

__all__ = ["lazy_wing"]


class _LazyWing(ModuleType):
    """A wing package whose exports are imported when first read, then kept."""

    _lazy_exports: dict[str, tuple[str, str | None]]

    def __getattr__(self, name: str) -> Any:
        where = self._lazy_exports.get(name)
        if where is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        module_name, attribute = where
        module = importlib.import_module(module_name)
        value = module if attribute is None else getattr(module, attribute)
        ModuleType.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        # Importing a submodule binds it on its package; when the wing exports a function of
        # the same name (`vetting.history`), the function is what the faces mean.
        where = self.__dict__.get("_lazy_exports", {}).get(name)
        if isinstance(value, ModuleType) and where is not None and where[1] is not None:
            return
        ModuleType.__setattr__(self, name, value)

    def __dir__(self) -> list[str]:
        return sorted({*self.__dict__, *self._lazy_exports})


def lazy_wing(package: str, exports: Mapping[str, str]) -> None:
    """Make `package` import each exported name from its module when first read.

    `exports` maps a public name to `"module"` (its module, whose attribute of the same name
    is exported), `"module:attribute"` (exported under another name) or `"module:"` (the
    module itself).
    """
    wing = sys.modules[package]
    table: dict[str, tuple[str, str | None]] = {}
    for name, where in exports.items():
        module_name, _, attribute = where.partition(":")
        if ":" not in where:
            attribute = name
        table[name] = (module_name, attribute or None)
    wing.__class__ = _LazyWing
    ModuleType.__setattr__(wing, "_lazy_exports", table)
