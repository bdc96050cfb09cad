import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest

from influent.analytics.fake_share import ShareEstimator, load_estimator
from influent.analytics.follower_audit import (
    FEATURES,
    adjusted_share,
    audit_followers,
    audit_matrix,
    feature_matrix,
    load_model,
)
from influent.analytics.follower_features import COLUMN_GROUPS, keep_groups
from influent.domain.messages import MessageError
from influent.services.i18n import Translator

english = Translator("en").say

LABELS = Path(__file__).parent.parent / "fixtures" / "follower-labels"
LABEL_COLUMN = {"srf_train.csv": "is_fake", "kaggle_train.csv": "fake"}


def held_out() -> tuple[list[dict[str, str]], np.ndarray]:
    """The labelled rows the shipped model never saw, labels removed."""
    rows, labels = [], []
    for filename, numbers in load_model().meta["holdout_rows"].items():
        with (LABELS / filename).open(newline="", encoding="utf-8") as handle:
            data = list(csv.DictReader(handle))
        for number in numbers:
            row = dict(data[number - 1])
            labels.append(int(row.pop(LABEL_COLUMN[filename])))
            rows.append(row)
    return rows, np.array(labels)


def test_it_ships_a_model_with_its_validation_and_provenance() -> None:
    meta = load_model().meta
    assert meta["features"] == list(FEATURES)
    validation = meta["validation"]
    assert {"cross_validation", "cross_set", "holdout", "known_mixes"} <= set(validation)
    assert set(validation["cross_set"]) == {"train_srf_test_kaggle", "train_kaggle_test_srf"}
    assert meta["provenance"]["srf"]["licence"] == "CC BY-SA 4.0"
    assert "SRF Data" in meta["provenance"]["srf"]["credit"]
    assert meta["provenance"]["kaggle"]["licence"] == "none stated by the publisher"


def test_it_was_trained_on_the_files_the_tests_read() -> None:
    provenance = load_model().meta["provenance"]
    for entry in provenance.values():
        digest = hashlib.sha256((LABELS / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"]


def test_it_separates_held_out_fake_and_real_accounts() -> None:
    rows, labels = held_out()
    result = audit_followers(rows)
    flagged = np.array([a.is_fake for a in result.accounts])
    sensitivity = flagged[labels == 1].mean()
    specificity = (~flagged[labels == 0]).mean()
    assert (sensitivity + specificity) / 2 >= 0.88


def test_its_recorded_holdout_figures_are_what_the_shipped_model_scores() -> None:
    # The model card quotes these figures; recomputing them here keeps them tied to the model.
    model = load_model()
    recorded = model.meta["validation"]["holdout"]
    rows, labels = held_out()
    result = audit_followers(rows)
    assert not result.skipped_rows
    flagged = np.array([a.is_fake for a in result.accounts])
    counts = {
        "tp": int((flagged & (labels == 1)).sum()),
        "fn": int((~flagged & (labels == 1)).sum()),
        "fp": int((flagged & (labels == 0)).sum()),
        "tn": int((~flagged & (labels == 0)).sum()),
    }
    assert counts == {k: recorded[k] for k in counts}
    sensitivity = flagged[labels == 1].mean()
    specificity = (~flagged[labels == 0]).mean()
    assert recorded["balanced_accuracy"] == pytest.approx((sensitivity + specificity) / 2, abs=5e-5)
    assert recorded["rows"] == len(labels)
    assert recorded["fakes"] == int(labels.sum())
    assert model.threshold in model.meta["training"]["cutoff"]["candidates"]


@pytest.mark.parametrize("mix", [0.10, 0.30, 0.60])
def test_it_estimates_the_fake_share_of_known_mixes_within_five_points(mix: float) -> None:
    rows, labels = held_out()
    rng = np.random.default_rng(42)
    size = 1_000
    fakes = rng.choice(np.flatnonzero(labels == 1), round(size * mix))
    reals = rng.choice(np.flatnonzero(labels == 0), size - round(size * mix))
    result = audit_followers([rows[i] for i in np.concatenate([fakes, reals])])
    assert abs(result.fake_share - mix) <= 0.05
    assert result.interval[0] <= result.fake_share <= result.interval[1]


def test_its_column_groups_cover_every_feature_once() -> None:
    grouped = [f for features in COLUMN_GROUPS.values() for f in features]
    assert sorted(grouped) == sorted(FEATURES)


def test_it_corrects_with_the_rates_measured_for_the_files_columns() -> None:
    model = load_model()
    rows = [{"followers": "1200", "following": "300", "posts": "85"}] * 30
    result = audit_followers(rows)
    ((share, rates),) = result.rates
    assert share == 1.0 and rates.groups == frozenset({"counts"})
    stored = next(r for r in model.meta["error_rates_by_columns"] if r["columns"] == ["counts"])
    assert (result.tpr, result.fpr) == (stored["tpr"], stored["fpr"])
    assert rates.rows == stored["rows"] and rates.fakes == stored["fakes"]
    # Reading only counts catches fewer fakes than reading every column.
    assert result.tpr < model.tpr


def test_it_averages_the_rates_of_rows_with_different_columns() -> None:
    model = load_model()
    counts_only = {"followers": "1200", "following": "300", "posts": "85"}
    with_flags = {**counts_only, "has_profile_picture": "yes", "is_private": "no"}
    result = audit_followers([counts_only] * 10 + [with_flags] * 30)
    assert [(w, sorted(r.groups)) for w, r in result.rates] == [
        (0.75, ["counts", "flags"]),
        (0.25, ["counts"]),
    ]
    a = model.rates_for(frozenset({"counts", "flags"}))
    b = model.rates_for(frozenset({"counts"}))
    assert result.tpr == pytest.approx(0.75 * a.tpr + 0.25 * b.tpr, abs=1e-4)
    assert result.fpr == pytest.approx(0.75 * a.fpr + 0.25 * b.fpr, abs=1e-4)


@pytest.mark.parametrize("mix", [0.30, 0.60])
def test_rates_for_the_columns_estimate_a_counts_only_sample_better_than_pooled_ones(
    mix: float,
) -> None:
    # Held-out rows read with their counts alone: the pooled rates (measured with every
    # column) expect the classifier to catch 92% of fakes, and underestimate the share.
    # The audit's share is now the plain count (chosen by the leave-one-set-out evaluation),
    # which no rates correct; the rates still make its interval, so this compares the
    # adjusted share each set of rates gives.
    rows, labels = held_out()
    x, facts, _ = feature_matrix(rows)
    counts_only = keep_groups(x, frozenset({"counts"}))
    model = load_model()
    rng = np.random.default_rng(42)
    ours, pooled = [], []
    for _ in range(10):
        chosen = np.concatenate(
            [
                rng.choice(np.flatnonzero(labels == 1), round(1000 * mix)),
                rng.choice(np.flatnonzero(labels == 0), 1000 - round(1000 * mix)),
            ]
        )
        result = audit_matrix(counts_only[chosen], [facts[i] for i in chosen])
        ours.append(adjusted_share(result.classified_share, result.tpr, result.fpr) - mix)
        pooled.append(adjusted_share(result.classified_share, model.tpr, model.fpr) - mix)
        assert result.interval[0] <= mix <= result.interval[1]
    assert abs(np.mean(ours)) < abs(np.mean(pooled)) - 0.04
    assert abs(np.mean(ours)) <= 0.07


def test_it_records_the_known_mix_errors_by_columns() -> None:
    # The model card's table of errors by columns comes from these recorded figures.
    cells = load_model().meta["validation"]["known_mixes_by_columns"]
    assert {tuple(c["columns"]) for c in cells} >= {("counts",), ("counts", "flags")}
    assert {c["rows_from"] for c in cells} == {"both files", "srf", "kaggle"}
    full = next(c for c in cells if len(c["columns"]) == 4 and c["rows_from"] == "both files")
    assert all(abs(m["mean_error"]) <= 0.05 for m in full["mixes"])


def test_it_claims_nothing_when_the_columns_barely_separate_fakes() -> None:
    # Usernames alone catch 7% of fakes: the correction would divide by almost nothing.
    result = audit_followers([{"username": u} for u in ("jean", "user84756392", "marie.l")])
    assert result.tpr - result.fpr < 0.1
    assert result.interval == (0.0, 1.0)


def test_it_corrects_the_classified_share_with_forman_adjustment() -> None:
    assert adjusted_share(0.30, tpr=0.9, fpr=0.1) == pytest.approx(0.25)
    assert adjusted_share(0.05, tpr=0.9, fpr=0.1) == 0.0
    assert adjusted_share(0.95, tpr=0.9, fpr=0.1) == 1.0


def test_it_reads_messy_rows() -> None:
    rows: list[dict[str, object]] = [
        {
            "username": "anna.bakes",
            "full_name": "Anna Meier",
            "followers": "1,2k",
            "following": "350",
            "posts": "87",
            "has_profile_picture": "oui",
            "is_private": "no",
            "biography": "Baking in Lausanne",
            "external_url": "https://anna.example",
        },
        {
            "username": "user84736251",
            "followers": "12",
            "following": "7 500",
            "posts": 0,
            "has_profile_picture": "false",
        },
        {"followers": "lots", "following": "n/a", "is_private": "maybe", "Posts": " 3 "},
    ]
    result = audit_followers(rows)
    assert [a.row for a in result.accounts] == [1, 2, 3]
    assert {(p.row, p.column) for p in result.problems} == {(3, "followers"), (3, "is_private")}
    bot, person = result.accounts[1], result.accounts[0]
    assert bot.is_fake and not person.is_fake
    assert bot.fake_probability > person.fake_probability
    reasons = [english(r) for r in bot.reasons]
    assert "no profile picture" in reasons or "has never posted" in reasons
    assert 0 <= result.fake_share <= 1


def test_it_derives_features_from_whatever_columns_are_present() -> None:
    x, facts, problems = feature_matrix(
        [
            {"username_length": "10", "username_digit_count": "4"},
            {
                "#followers": "99",
                "#follows": "0",
                "profile pic": "1",
                "nums/length username": "0.25",
            },
        ]
    )
    assert not problems
    assert x[0, FEATURES.index("username_digit_ratio")] == pytest.approx(0.4)
    assert np.isnan(x[0, FEATURES.index("log_followers")])
    assert x[1, FEATURES.index("has_profile_picture")] == 1
    assert x[1, FEATURES.index("log_following_per_follower")] == pytest.approx(np.log(1 / 100))
    assert facts[1]["followers"] == 99


def test_it_skips_rows_with_nothing_readable_and_says_so() -> None:
    result = audit_followers([{"followers": "100", "following": "90"}, {"colour": "blue"}])
    assert result.skipped_rows == (2,)
    assert [a.row for a in result.accounts] == [1]


def test_it_refuses_an_empty_sample() -> None:
    with pytest.raises(MessageError) as empty:
        audit_followers([])
    assert isinstance(empty.value, ValueError) and "empty" in english(empty.value.message)
    with pytest.raises(MessageError) as unreadable:
        audit_followers([{"colour": "blue"}])
    assert "no row has a column" in english(unreadable.value.message)


def test_it_serialises_to_the_documented_shape() -> None:
    result = audit_followers([{"followers": "100", "following": "5000", "posts": "0"}])
    data = result.to_json(english)
    assert set(data) == {"accounts", "fake_share", "interval"}
    (account,) = data["accounts"]  # type: ignore[misc]
    assert set(account) == {"row", "username", "fake_probability", "is_fake", "reasons"}
    assert account["row"] == 1 and account["username"] is None
    assert len(data["interval"]) == 2  # type: ignore[arg-type]


def test_the_share_is_the_estimator_chosen_on_unseen_sets_and_its_interval_allows_other_rates() -> (
    None
):
    rows, labels = held_out()
    rng = np.random.default_rng(7)
    chosen = np.concatenate(
        [rng.choice(np.flatnonzero(labels == 1), 60), rng.choice(np.flatnonzero(labels == 0), 540)]
    )
    sample = [rows[i] for i in chosen]
    shipped = load_estimator()
    result = audit_followers(sample)
    assert shipped.name == "cc" and result.fake_share == result.classified_share
    # Without the measured rate shifts, the interval is the bootstrap's alone: narrower.
    narrow = audit_followers(sample, estimator=ShareEstimator("cc", 0.0, 0.0))
    assert result.interval[0] <= narrow.interval[0] <= narrow.interval[1] <= result.interval[1]
    assert result.interval[1] - result.interval[0] > narrow.interval[1] - narrow.interval[0] + 0.1
    assert result.interval[0] <= 0.10 <= result.interval[1]
    # The adjusted estimate is still available by name.
    adjusted = audit_followers(sample, estimator=ShareEstimator("acc", 0.0, 0.0))
    assert adjusted.fake_share == pytest.approx(
        adjusted_share(result.classified_share, result.tpr, result.fpr)
    )
