"""What a kind of row is made of: its columns, their English and French headers, their parsers.

One `RowSchema` per kind of row a spreadsheet can bring (creators, snapshots, posts,
comments, follower samples…). Everything that reads a table asks the schema: which row is
the header, which column feeds which field, how a cell is parsed, which columns must be
there, and which fields identify a row when it is merged with what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from influent.domain.messages import MessageError
from influent.domain.values import normalise_key

__all__ = ["Column", "ColumnMapping", "RowSchema"]

K = TypeVar("K", bound=str)
Parser = Callable[[object], object]


@dataclass(frozen=True, slots=True)
class Column(Generic[K]):
    """One field of a row and the headers that name it.

    `english` and `french` list the spellings a header may have, compared after
    `normalise_key` (lower case, no accents, punctuation as spaces); the field's own name
    is always accepted. `parse` turns a cell into a value or raises `ValueProblem`; `needed`
    says an empty cell is a problem. `kind` names the shape of the value ("count", "text",
    "percent", …) for code that reads whole columns at once, and `columnar=False` tells such
    code to leave filled cells of this column to `parse`.
    """

    name: K
    english: tuple[str, ...] = ()
    french: tuple[str, ...] = ()
    parse: Parser | None = None
    kind: str = "text"
    max_length: int | None = None
    needed: bool = False
    columnar: bool = True

    @property
    def heading(self) -> str:
        """The header a user would write for it (its first English spelling)."""
        return self.english[0] if self.english else str(self.name)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (str(self.name), *self.english, *self.french)


@dataclass(slots=True)
class ColumnMapping(Generic[K]):
    """Which column feeds which field; unknown columns become custom fields."""

    fields: dict[int, K] = field(default_factory=dict)
    custom: dict[int, str] = field(default_factory=dict)
    ignored: dict[int, str] = field(default_factory=dict)

    def column_of(self, name: K) -> int | None:
        return next((i for i, f in self.fields.items() if f == name), None)


@dataclass(frozen=True)
class RowSchema(Generic[K]):
    """A kind of row: its columns, the columns a file must have, and its merge key.

    `required` lists groups of fields: a file must map at least one field of each group.
    `merge_key` names the fields that identify a row against what is stored.
    `qualified_headers` accepts a trailing qualifier ('Abonnés Instagram' -> followers).
    `problems_by` says whether a problem names the column as the file heads it ("header")
    or by the field's name ("field").
    """

    kind: str
    columns: tuple[Column[K], ...]
    required: tuple[tuple[K, ...], ...] = ()
    merge_key: tuple[K, ...] = ()
    qualified_headers: bool = False
    problems_by: Literal["header", "field"] = "header"
    _lookup: dict[str, K] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Column[K]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, K] = {}
        for column in self.columns:
            for spelling in column.spellings:
                key = normalise_key(spelling) or spelling
                other = lookup.setdefault(key, column.name)
                if other != column.name:
                    raise ValueError(f"{self.kind}: “{spelling}” names {other} and {column.name}")
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_by_name", {str(c.name): c for c in self.columns})
        for name in (*self.merge_key, *(n for group in self.required for n in group)):
            if name not in self._by_name:
                raise ValueError(f"{self.kind}: no column {name}")

    @property
    def names(self) -> tuple[K, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column[K]:
        return self._by_name[name]

    def recognise(self, header: str) -> K | None:
        """The field a header names, if any ('Abonnés (Instagram)' -> followers)."""
        key = normalise_key(header)
        if not key:
            return None
        if key in self._lookup:
            return self._lookup[key]
        if self.qualified_headers:
            # Drop a trailing qualifier: 'abonnes instagram', 'email pro', 'taux d engagement moyen'.
            words = key.split()
            for cut in range(len(words) - 1, 0, -1):
                candidate = " ".join(words[:cut])
                if candidate in self._lookup and len(candidate) > 2:
                    return self._lookup[candidate]
        return None

    def field_named(self, text: str) -> K:
        """The field a user names in `--map` ('followers'); raises ValueError otherwise."""
        wanted = text.strip().lower()
        for column in self.columns:
            if column.name == wanted:
                return column.name
        raise ValueError(wanted)

    def parse_overrides(self, specs: Iterable[str]) -> dict[str, K | None]:
        """Read '--map "Colonne X=followers"' options; '=ignore' drops a column.

        Raises MessageError (a ValueError) for a malformed option or an unknown field.
        """
        result: dict[str, K | None] = {}
        for spec in specs:
            header, sep, target = spec.rpartition("=")
            if not sep or not header.strip():
                raise MessageError("spreadsheet.map.needs_pair", spec=spec)
            target = target.strip().lower()
            if target in ("ignore", "skip", "ignorer"):
                result[normalise_key(header)] = None
                continue
            try:
                result[normalise_key(header)] = self.field_named(target)
            except ValueError:
                known = ", ".join(str(n) for n in self.names)
                raise MessageError(
                    "spreadsheet.map.unknown_field", field=target, known=known
                ) from None
        return result

    def map_columns(
        self, headers: list[str], overrides: dict[str, K | None] | None = None
    ) -> ColumnMapping[K]:
        """Map headers to fields. The first column claiming a field wins; later ones stay custom."""
        overrides = overrides or {}
        mapping: ColumnMapping[K] = ColumnMapping()
        taken: set[K] = set()
        for index, header in enumerate(headers):
            key = normalise_key(header)
            if key in overrides:
                target = overrides[key]
                if target is None:
                    mapping.ignored[index] = header
                    continue
                mapping.fields[index] = target
                taken.add(target)
        for index, header in enumerate(headers):
            if index in mapping.fields or index in mapping.ignored:
                continue
            if not header.strip():
                mapping.ignored[index] = header
                continue
            found = self.recognise(header)
            if found is not None and found not in taken:
                mapping.fields[index] = found
                taken.add(found)
            else:
                mapping.custom[index] = header.strip()
        return mapping

    def find_header_row(self, rows: list[list[object]], scan: int = 15) -> int:
        """The row naming the most known fields (titles and merged rows sit above it)."""
        best, best_score = 0, 0
        for index, row in enumerate(rows[:scan]):
            found = (self.recognise(str(c)) for c in row if c is not None)
            score = len({f for f in found if f is not None})
            if score > best_score:
                best, best_score = index, score
        return best

    def missing(self, mapping: ColumnMapping[K]) -> tuple[K, ...] | None:
        """The first required group of which the mapping has no field, if any."""
        mapped = set(mapping.fields.values())
        return next((g for g in self.required if not mapped.intersection(g)), None)
