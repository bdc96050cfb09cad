"""The follower audit's features: one row of a follower CSV turned into numbers.

A user's file may hold any subset of the columns of the follower sample schema
(`domain.tabular.followers`), under English or French names.
Unknown values stay NaN (the trees learnt where unknown values go); unreadable cells become
unknown too, and are reported as `CellProblem`s. Training reads its labelled files through
this same builder, so training and auditing read columns the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from influent.domain.tabular.followers import FOLLOWER_SAMPLES
from influent.domain.values import ValueProblem, is_missing, parse_yes_no

__all__ = [
    "COLUMN_GROUPS",
    "FEATURES",
    "CellProblem",
    "feature_matrix",
    "groups_per_row",
    "keep_groups",
    "rows_with_groups",
]


FEATURES = (
    "log_posts",
    "log_followers",
    "log_following",
    "log_following_per_follower",
    "has_profile_picture",
    "is_private",
    "username_digit_ratio",
    "username_length",
    "biography_length",
    "has_external_url",
    "full_name_words",
    "full_name_digit_ratio",
    "name_equals_username",
)

# What a follower file may bring, in the groups the model's error rates are measured for:
# a file's fake-share interval uses the rates measured when only its groups are known.
COLUMN_GROUPS: dict[str, tuple[str, ...]] = {
    "counts": ("log_posts", "log_followers", "log_following", "log_following_per_follower"),
    "flags": ("has_profile_picture", "is_private"),
    "username": ("username_digit_ratio", "username_length"),
    "profile_text": (
        "biography_length",
        "has_external_url",
        "full_name_words",
        "full_name_digit_ratio",
        "name_equals_username",
    ),
}
_GROUP_COLUMNS = {g: [FEATURES.index(f) for f in fs] for g, fs in COLUMN_GROUPS.items()}

# What each column of the follower sample schema holds, by its kind of value.
_KINDS = {c.name: c for c in FOLLOWER_SAMPLES.columns}
_TEXTS = frozenset(n for n, c in _KINDS.items() if c.parse is None)


@dataclass(frozen=True, slots=True)
class CellProblem:
    row: int
    column: str
    value: str
    reason: str
    code: str = ""  # the `problem.<code>` message, with `params`
    params: Mapping[str, str] = field(default_factory=dict)


def _digit_ratio(text: str) -> float:
    return sum(c.isdigit() for c in text) / len(text) if text else 0.0


def _log1p(value: float | None) -> float:
    return math.log1p(value) if value is not None else math.nan


def _row_features(
    number: int, row: Mapping[str, object], problems: list[CellProblem]
) -> tuple[list[float], dict[str, float]]:
    """The model's features for one row, and the raw facts the reasons quote."""
    raw: dict[str, float] = {}
    texts: dict[str, str] = {}
    for column, value in row.items():
        key = FOLLOWER_SAMPLES.recognise(column)
        if key is None:
            continue
        try:
            if key in _TEXTS:
                # A present column with an empty cell means "none" (no bio, no link).
                texts[key] = "" if is_missing(value) else str(value).strip()
                continue
            if is_missing(value):
                continue
            parse = _KINDS[key].parse
            assert parse is not None
            parsed = parse(value)
            if isinstance(parsed, int | float):
                raw[key] = float(parsed)
        except ValueProblem as problem:
            problems.append(
                CellProblem(number, column, str(value), str(problem), problem.code, problem.params)
            )
    if "username" in texts:
        name = texts["username"].lstrip("@")
        raw.setdefault("username_length", float(len(name)))
        raw.setdefault("username_digit_ratio", _digit_ratio(name))
    if "username_digit_count" in raw and raw.get("username_length"):
        raw.setdefault("username_digit_ratio", raw["username_digit_count"] / raw["username_length"])
    if "full_name" in texts:
        full = texts["full_name"]
        raw.setdefault("full_name_words", float(len(full.split())))
        raw.setdefault("full_name_digit_ratio", _digit_ratio(full))
        if "username" in texts:
            same = full.replace(" ", "").casefold() == texts["username"].lstrip("@").casefold()
            raw.setdefault("name_equals_username", float(same))
    if "biography" in texts:
        raw.setdefault("biography_length", float(len(texts["biography"])))
    if "external_url" in texts:
        link = texts["external_url"]
        try:
            raw.setdefault("has_external_url", parse_yes_no(link) if link else 0.0)
        except ValueProblem:
            raw.setdefault("has_external_url", 1.0)
    followers, following = raw.get("followers"), raw.get("following")
    ratio = (
        math.log((following + 1) / (followers + 1))
        if followers is not None and following is not None
        else math.nan
    )
    values = {
        "log_posts": _log1p(raw.get("posts")),
        "log_followers": _log1p(followers),
        "log_following": _log1p(following),
        "log_following_per_follower": ratio,
    }
    vector = [values[f] if f in values else raw.get(f, math.nan) for f in FEATURES]
    return vector, raw


def feature_matrix(
    rows: Sequence[Mapping[str, object]],
) -> tuple[npt.NDArray[np.float64], list[dict[str, float]], list[CellProblem]]:
    """Features for every row (NaN where unknown), the parsed facts, and unreadable cells."""
    problems: list[CellProblem] = []
    vectors, facts = [], []
    for number, row in enumerate(rows, start=1):
        vector, raw = _row_features(number, row, problems)
        vectors.append(vector)
        facts.append(raw)
    matrix = np.array(vectors, dtype=np.float64).reshape(len(rows), len(FEATURES))
    return matrix, facts, problems


def groups_per_row(x: npt.NDArray[np.float64]) -> list[frozenset[str]]:
    """For each row, the groups of which it knows at least one feature."""
    known = np.column_stack(
        [(~np.isnan(x[:, cols])).any(axis=1) for cols in _GROUP_COLUMNS.values()]
    ).reshape(x.shape[0], len(_GROUP_COLUMNS))
    names = list(_GROUP_COLUMNS)
    return [frozenset(names[k] for k in np.flatnonzero(row)) for row in known]


def rows_with_groups(x: npt.NDArray[np.float64], groups: frozenset[str]) -> npt.NDArray[np.bool_]:
    """Rows that know at least one feature of every group in `groups`."""
    known = np.ones(x.shape[0], dtype=bool)
    for g in groups:
        known &= (~np.isnan(x[:, _GROUP_COLUMNS[g]])).any(axis=1)
    return known


def keep_groups(x: npt.NDArray[np.float64], groups: frozenset[str]) -> npt.NDArray[np.float64]:
    """A copy of `x` in which every feature outside `groups` is unknown."""
    kept = x.copy()
    for g, cols in _GROUP_COLUMNS.items():
        if g not in groups:
            kept[:, cols] = np.nan
    return kept
