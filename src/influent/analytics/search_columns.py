"""Folding text over whole columns: the polars twins of the domain's name key and search text.

Tests check them against `domain.values.normalise_key` and `domain.rows.search_text`, which
stay the reference.
"""

from __future__ import annotations

import polars as pl

__all__ = ["folded", "name_key", "search_text"]


def folded(text: pl.Expr) -> pl.Expr:
    return text.str.normalize("NFKD").str.replace_all(r"\p{Mn}+", "").str.to_lowercase()


def name_key(name: pl.Expr) -> pl.Expr:
    """domain.values.normalise_key, over a column."""
    return folded(name).str.replace_all(r"(?:[^\w@#%]|_)+", " ").str.strip_chars()


def search_text(parts: list[pl.Expr]) -> pl.Expr:
    """The same words as domain.rows.search_text, from parts already folded."""
    return (
        pl.concat_str(parts, separator=" ", ignore_nulls=True)
        .str.extract_all(r"[^\W\d_]+|\d+")
        .list.unique(maintain_order=True)
        .list.join(" ")
    )
