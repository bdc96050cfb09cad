from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from influent.domain.brand_score import DEFAULT_WEIGHTS, PARTS, combine, reach_part

part_value = st.one_of(st.none(), st.floats(0, 1))
creator = st.fixed_dictionaries({p: part_value for p in PARTS})
weight = st.floats(0, 10)


def _rank(scores: list[float], index: int) -> int:
    # Scores within rounding error of each other are a tie, not an order.
    return 1 + sum(1 for s in scores if s > scores[index] + 1e-9)


@given(
    st.lists(creator, min_size=2, max_size=8),
    st.fixed_dictionaries({p: weight for p in PARTS}),
    st.sampled_from(PARTS),
    st.floats(0.01, 20),
)
def test_raising_a_weight_never_lowers_the_creator_that_leads_on_that_part(
    creators: list[dict[str, float | None]],
    weights: dict[str, float],
    part: str,
    raise_by: float,
) -> None:
    values = [c[part] or 0.0 for c in creators]
    leader = max(range(len(creators)), key=lambda i: values[i])
    before = [combine(c, weights).score for c in creators]
    raised = weights | {part: weights[part] + raise_by}
    after = [combine(c, raised).score for c in creators]
    assert _rank(after, leader) <= _rank(before, leader)


def test_it_says_which_parts_are_missing_instead_of_guessing_them() -> None:
    result = combine({"fit": 1.0, "reach": None}, {"fit": 1.0, "reach": 1.0})
    assert result.missing == ("reach",) and result.score == 0.5


def test_reach_grows_with_the_audience_on_a_log_scale() -> None:
    assert reach_part(None) is None
    assert reach_part(1_000) == 0 and reach_part(10_000_000) == 1
    assert reach_part(100_000) == 0.5
    assert set(DEFAULT_WEIGHTS) == set(PARTS)
