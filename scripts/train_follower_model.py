"""Train the follower-audit model and write it, with its validation, as JSON trees.

Usage: python scripts/train_follower_model.py [DATA_FOLDER] [--out PATH]

DATA_FOLDER holds srf_train.csv, kaggle_train.csv and SOURCE.md (default:
../shared/data/follower-labels next to the repository). scikit-learn is needed here
only; the package evaluates the written trees with numpy.

Both files go through the package's own feature builder (`feature_matrix`), so training
and auditing read columns the same way. Features a file lacks stay NaN: the forest learns
where unknown values go (scikit-learn >= 1.6 extra-trees route missing values at each split).

The model is an extremely randomised forest (extra-trees). Its cut-off is not fixed: it is
the one that maximises balanced accuracy on 5-fold cross-validation of the rows it is
trained on. The cross-validation figures are nested (each outer fold chooses its own
cut-off on an inner cross-validation of its training rows), and a stratified 20% of the
rows is held out before anything else, never used for any choice, and scored once with
the exported trees.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from influent.analytics.follower_audit import (
    FEATURES,
    ShareEstimator,
    adjusted_share,
    audit_followers,
    audit_matrix,
    feature_matrix,
    model_from_dict,
)
from influent.analytics.follower_features import COLUMN_GROUPS, keep_groups, rows_with_groups

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "follower-labels"
DEFAULT_OUT = ROOT / "src" / "influent" / "analytics" / "models" / "follower_audit.json"
SEED = 0
HOLDOUT = 0.2
FOLDS = 5
# Cut-offs the cross-validation chooses from (ties go to the one nearest 0.5).
CUTOFFS = tuple(round(0.20 + 0.05 * i, 2) for i in range(10))
MIXES = (0.10, 0.30, 0.60)
# Every combination of column groups a follower file may bring; the error rates used to
# correct a file's fake share are the ones measured with only that file's groups known.
PROFILES = tuple(
    frozenset(g for k, g in enumerate(COLUMN_GROUPS) if mask >> k & 1)
    for mask in range(1, 2 ** len(COLUMN_GROUPS))
)
MIX_SIZE = 1000
# Chosen by repeated 5-fold cross-validation on the training part only (never the holdout):
# extra-trees beat a random forest, and all features per split beat a half.
FOREST = {
    "n_estimators": 200,
    "min_samples_leaf": 2,
    "max_features": 1.0,
    "random_state": SEED,
    "n_jobs": 2,
}
FILES = {
    "srf": ("srf_train.csv", "is_fake"),
    "kaggle": ("kaggle_train.csv", "fake"),
}
PROVENANCE = {
    "srf": {
        "title": "2017-10-instagram-influencers (labelled_1000_inclprivate.csv), 70% sample",
        "publisher": "SRF Data",
        "licence": "CC BY-SA 4.0",
        "credit": "2017-10-instagram-influencers by SRF Data is licensed under CC BY-SA 4.0",
    },
    "kaggle": {
        "title": "Instagram fake spammer genuine accounts, train split",
        "publisher": "free4ever1 on Kaggle",
        "licence": "none stated by the publisher",
        "credit": "Instagram fake spammer genuine accounts (Kaggle, free4ever1)",
    },
}


def read(folder: Path, name: str) -> tuple[list[dict[str, str]], np.ndarray, str]:
    filename, label = FILES[name]
    path = folder / filename
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = np.array([int(r.pop(label)) for r in rows])
    return rows, labels, hashlib.sha256(path.read_bytes()).hexdigest()


def weights(y: np.ndarray, source: np.ndarray) -> np.ndarray:
    # Each (file, class) cell weighs a quarter: fake and real balance within each file, so
    # which columns a file lacks says nothing about the label, and the 9.5% fake base rate
    # of SRF's followers does not pull the forest toward "real".
    w = np.zeros(len(y))
    cells = [(s, c) for s in np.unique(source) for c in (0, 1) if ((source == s) & (y == c)).any()]
    for s, c in cells:
        mask = (source == s) & (y == c)
        w[mask] = len(y) / (len(cells) * mask.sum())
    return w


def fit(x: np.ndarray, y: np.ndarray, source: np.ndarray) -> ExtraTreesClassifier:
    forest = ExtraTreesClassifier(**FOREST)
    forest.fit(x, y, sample_weight=weights(y, source))
    return forest


def folds(y: np.ndarray, source: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    split = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return list(split.split(y, source * 2 + y))


def out_of_fold(x: np.ndarray, y: np.ndarray, source: np.ndarray) -> np.ndarray:
    """P(fake) for every row from a forest that did not see it."""
    oof = np.zeros(len(y))
    for a, b in folds(y, source):
        oof[b] = fit(x[a], y[a], source[a]).predict_proba(x[b])[:, 1]
    return oof


def choose_cutoff(y: np.ndarray, proba: np.ndarray) -> float:
    """The cut-off of CUTOFFS with the best balanced accuracy; ties go nearest to 0.5."""
    scores = [balanced_accuracy_score(y, proba >= c) for c in CUTOFFS]
    best = max(scores)
    return min(
        (c for c, s in zip(CUTOFFS, scores, strict=True) if s >= best - 1e-12),
        key=lambda c: abs(c - 0.5),
    )


def tuned_fit(
    x: np.ndarray, y: np.ndarray, source: np.ndarray
) -> tuple[ExtraTreesClassifier, float]:
    """The whole training procedure: a cut-off chosen by inner CV, then a forest on all rows."""
    return fit(x, y, source), choose_cutoff(y, out_of_fold(x, y, source))


def rates(y: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
    tp = int((predicted & (y == 1)).sum())
    fn = int((~predicted & (y == 1)).sum())
    fp = int((predicted & (y == 0)).sum())
    tn = int((~predicted & (y == 0)).sum())
    return {
        "balanced_accuracy": round(float(balanced_accuracy_score(y, predicted)), 4),
        "sensitivity": round(tp / (tp + fn), 4),
        "specificity": round(tn / (tn + fp), 4),
        "accuracy": round((tp + tn) / len(y), 4),
        "rows": len(y),
        "fakes": int(y.sum()),
        "tp": tp,
        "fn": fn,
        "fp": fp,
        "tn": tn,
    }


def bootstrap_interval(y: np.ndarray, predicted: np.ndarray, draws: int = 2000) -> list[float]:
    """95% interval of balanced accuracy, resampling fakes and real accounts separately."""
    rng = np.random.default_rng(SEED)
    hits_fake, hits_real = predicted[y == 1], ~predicted[y == 0]
    sens = rng.choice(hits_fake, (draws, hits_fake.size)).mean(axis=1)
    spec = rng.choice(hits_real, (draws, hits_real.size)).mean(axis=1)
    low, high = np.percentile((sens + spec) / 2, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


def export(forest: ExtraTreesClassifier) -> list[dict[str, Any]]:
    trees = []
    for estimator in forest.estimators_:
        tree = estimator.tree_
        # Class shares per node (normalised: older releases store weighted counts).
        counts = tree.value[:, 0, :]
        fake = counts[:, 1] / counts.sum(axis=1)
        trees.append(
            {
                "feature": [int(f) if f >= 0 else -1 for f in tree.feature],
                "threshold": [float(t) for t in tree.threshold],
                "left": [int(c) for c in tree.children_left],
                "right": [int(c) for c in tree.children_right],
                "missing_left": [int(m) for m in tree.missing_go_to_left],
                "value": [round(float(v), 6) for v in fake],
            }
        )
    return trees


# The known-mix figures recorded in the model file describe adjusted classify-and-count with
# the bootstrap interval alone; the audit's own estimator is chosen by evaluate_fake_share.py.
ADJUSTED = ShareEstimator("acc", 0.0, 0.0)


def mix_errors(
    model_json: dict[str, Any], rows: list[dict[str, str]], y: np.ndarray
) -> list[dict[str, Any]]:
    """Estimate the fake share of audiences drawn from held-out rows at known mixes.

    Each estimate is also given as it would be with the pooled error rates (those of all
    rows, whatever their columns), to show what the per-columns rates change.
    """
    model = model_from_dict(model_json)
    rng = np.random.default_rng(SEED)
    fakes, reals = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    results: list[dict[str, Any]] = []
    for mix in MIXES:
        n_fake = round(MIX_SIZE * mix)
        chosen = np.concatenate([rng.choice(fakes, n_fake), rng.choice(reals, MIX_SIZE - n_fake)])
        audit = audit_followers([rows[i] for i in chosen], model=model, estimator=ADJUSTED)
        pooled = adjusted_share(audit.classified_share, model.tpr, model.fpr)
        results.append(
            {
                "true_share": mix,
                "estimate": round(audit.fake_share, 4),
                "error": round(audit.fake_share - mix, 4),
                "estimate_with_pooled_rates": round(pooled, 4),
                "error_with_pooled_rates": round(pooled - mix, 4),
                "interval": [round(audit.interval[0], 4), round(audit.interval[1], 4)],
                "classified_share": round(audit.classified_share, 4),
                "audience_size": MIX_SIZE,
            }
        )
    return results


# Column profiles a follower export commonly has, for the known-mix check by columns.
CHECKED_PROFILES = (
    ("counts",),
    ("counts", "flags"),
    ("counts", "username"),
    ("counts", "flags", "username"),
    ("counts", "flags", "profile_text", "username"),
)
GRID_DRAWS = 20


def mix_grid(
    model_json: dict[str, Any],
    x: np.ndarray,
    facts: list[dict[str, float]],
    y: np.ndarray,
    source: np.ndarray,
    names: list[str],
) -> list[dict[str, Any]]:
    """Mean error at known mixes when the held-out rows are read with fewer columns.

    For each column profile and each source of rows (both files, or one), GRID_DRAWS
    audiences of MIX_SIZE accounts are drawn at each mix; the mean error is given with the
    per-columns rates the audit uses and with the pooled rates, for comparison.
    """
    model = model_from_dict(model_json)
    rng = np.random.default_rng(SEED)
    cells = []
    for profile in CHECKED_PROFILES:
        kept = keep_groups(x, frozenset(profile))
        for chosen, label in [(None, "both files"), *enumerate(names)]:
            mask = np.ones(len(y), bool) if chosen is None else source == chosen
            fakes, reals = np.flatnonzero(mask & (y == 1)), np.flatnonzero(mask & (y == 0))
            found = []
            for mix in MIXES:
                n_fake = round(MIX_SIZE * mix)
                ours, pooled = [], []
                for _ in range(GRID_DRAWS):
                    draw = np.concatenate(
                        [rng.choice(fakes, n_fake), rng.choice(reals, MIX_SIZE - n_fake)]
                    )
                    audit = audit_matrix(
                        kept[draw], [facts[i] for i in draw], model=model, estimator=ADJUSTED
                    )
                    ours.append(audit.fake_share - mix)
                    pooled.append(
                        adjusted_share(audit.classified_share, model.tpr, model.fpr) - mix
                    )
                found.append(
                    {
                        "true_share": mix,
                        "mean_error": round(float(np.mean(ours)), 4),
                        "mean_error_pooled": round(float(np.mean(pooled)), 4),
                    }
                )
            cells.append(
                {
                    "columns": sorted(profile),
                    "rows_from": label,
                    "draws": GRID_DRAWS,
                    "mixes": found,
                }
            )
    return cells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    names = list(FILES)
    loaded = {name: read(args.data, name) for name in names}
    rows = [r for name in names for r in loaded[name][0]]
    y = np.concatenate([loaded[name][1] for name in names])
    source = np.concatenate([np.full(len(loaded[name][1]), i) for i, name in enumerate(names)])
    line = np.concatenate([np.arange(1, len(loaded[name][1]) + 1) for name in names])
    x, facts, problems = feature_matrix(rows)
    if problems:
        raise SystemExit(f"unreadable training cells: {problems[:5]}")

    # Held out before anything else, and used for no choice: the holdout figures and the
    # known-mix check come from it.
    train, test = train_test_split(
        np.arange(len(y)), test_size=HOLDOUT, stratify=source * 2 + y, random_state=SEED
    )

    # Nested cross-validation of the whole procedure on the training part: each outer fold
    # chooses its cut-off by an inner 5-fold CV of its own training rows.
    # The same outer folds also read their rows with only each profile's columns known.
    flagged = np.zeros(len(y), dtype=bool)
    by_profile = {p: np.zeros(len(y), dtype=bool) for p in PROFILES}
    fold_cutoffs = []
    for a, b in folds(y[train], source[train]):
        a, b = train[a], train[b]
        forest, cutoff = tuned_fit(x[a], y[a], source[a])
        flagged[b] = forest.predict_proba(x[b])[:, 1] >= cutoff
        for p in PROFILES:
            by_profile[p][b] = forest.predict_proba(keep_groups(x[b], p))[:, 1] >= cutoff
        fold_cutoffs.append(cutoff)
    cv = rates(y[train], flagged[train])
    profile_rates = []
    for p in PROFILES:
        # Only rows that have every group of the profile measure it.
        rows_p = train[rows_with_groups(x[train], p)]
        r = rates(y[rows_p], by_profile[p][rows_p])
        profile_rates.append(
            {
                "columns": sorted(p),
                "tpr": r["sensitivity"],
                "fpr": round(1 - r["specificity"], 4),
                **{k: r[k] for k in ("rows", "fakes", "tp", "fn", "fp", "tn")},
            }
        )
    per_file = {
        n: rates(y[train][source[train] == i], flagged[train][source[train] == i])
        for i, n in enumerate(names)
    }

    cross = {}
    for i, trained_on in enumerate(names):
        other = 1 - i
        mine_rows, their_rows = source == i, source == other
        forest, cutoff = tuned_fit(x[mine_rows], y[mine_rows], source[mine_rows])
        cross[f"train_{trained_on}_test_{names[other]}"] = {
            "cutoff": cutoff,
            **rates(y[their_rows], forest.predict_proba(x[their_rows])[:, 1] >= cutoff),
        }

    forest, threshold = tuned_fit(x[train], y[train], source[train])
    trees = export(forest)
    model_json: dict[str, Any] = {
        "format": "influent-forest-1",
        "features": list(FEATURES),
        "threshold": threshold,
        "error_rates": {
            "source": "nested 5-fold stratified cross-validation on the training part",
            "tpr": cv["sensitivity"],
            "fpr": round(1 - cv["specificity"], 4),
            **{k: cv[k] for k in ("tp", "fn", "fp", "tn")},
        },
        "error_rates_by_columns": profile_rates,
        "trees": trees,
    }
    check = model_from_dict(model_json)
    # The exported trees must agree with scikit-learn on the training rows and on the same
    # rows with random cells blanked (user files hold any subset of the columns).
    rng = np.random.default_rng(SEED)
    blanked = np.where(rng.random(x.shape) < 0.3, np.nan, x)
    for probe in (x, blanked):
        mine, _ = check.predict(probe)
        if np.abs(mine - forest.predict_proba(probe)[:, 1]).max() > 1e-5:
            raise SystemExit("exported trees disagree with scikit-learn")

    # Scored with the exported trees, as the audit scores them.
    exported, _ = check.predict(x[test])
    holdout = rates(y[test], exported >= threshold)
    holdout["balanced_accuracy_interval"] = bootstrap_interval(y[test], exported >= threshold)
    holdout["per_file"] = {
        n: rates(y[test][source[test] == i], exported[source[test] == i] >= threshold)
        for i, n in enumerate(names)
    }
    mixes = mix_errors(model_json, [rows[i] for i in test], y[test])
    mixes_by_columns = mix_grid(
        model_json, x[test], [facts[i] for i in test], y[test], source[test], names
    )
    model_json.update(
        {
            "validation": {
                "cross_validation": {
                    "folds": FOLDS,
                    "nested": True,
                    "fold_cutoffs": fold_cutoffs,
                    **cv,
                    "per_file": per_file,
                },
                "cross_set": cross,
                "holdout": holdout,
                "known_mixes": mixes,
                "known_mixes_by_columns": mixes_by_columns,
                "reference": {
                    "srf_random_forest": {
                        "accuracy": 0.944,
                        "sensitivity": 0.774,
                        "specificity": 0.963,
                        "note": "SRF's own model: 30 trees, 70/30 split, cut-off 0.3",
                    }
                },
            },
            "training": {
                "algorithm": "extra-trees forest (scikit-learn ExtraTreesClassifier)",
                "scikit_learn": sklearn.__version__,
                "parameters": FOREST,
                "cutoff": {
                    "chosen": threshold,
                    "candidates": list(CUTOFFS),
                    "rule": "best balanced accuracy on 5-fold CV of the training part",
                },
                "sample_weights": "each (file, class) cell weighs a quarter",
                "holdout_share": HOLDOUT,
                "seed": SEED,
            },
            "provenance": {
                name: {
                    **PROVENANCE[name],
                    "file": FILES[name][0],
                    "sha256": loaded[name][2],
                    "rows": len(loaded[name][1]),
                    "fakes": int(loaded[name][1].sum()),
                }
                for name in names
            },
            # Data-row numbers (1 = first row after the header) kept out of training.
            "holdout_rows": {
                FILES[name][0]: sorted(int(line[j]) for j in test if source[j] == i)
                for i, name in enumerate(names)
            },
        }
    )
    ordered = {k: model_json[k] for k in model_json if k != "trees"} | {"trees": trees}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(ordered, separators=(",", ":")) + "\n", encoding="utf-8")

    def show(label: str, r: dict[str, Any]) -> None:
        print(
            f"{label:<28} balanced accuracy {r['balanced_accuracy']:.3f}  "
            f"sensitivity {r['sensitivity']:.3f}  specificity {r['specificity']:.3f}  "
            f"(n={r['rows']}, fakes={r['fakes']})"
        )

    print(f"cut-off {threshold} (outer folds chose {fold_cutoffs})")
    show("nested 5-fold CV (training)", cv)
    for name, r in per_file.items():
        show(f"  of which {name}", r)
    for name, r in cross.items():
        show(name, r)
    show("holdout (20%)", holdout)
    low, high = holdout["balanced_accuracy_interval"]
    print(f"  balanced accuracy 95% bootstrap interval {low:.3f}–{high:.3f}")
    for name, r in holdout["per_file"].items():
        show(f"  of which {name}", r)
    for m in mixes:
        print(
            f"known mix {m['true_share']:.0%}: estimate {m['estimate']:.3f} "
            f"(error {m['error']:+.3f}, 95% interval {m['interval'][0]:.3f}–"
            f"{m['interval'][1]:.3f}; with pooled rates {m['error_with_pooled_rates']:+.3f})"
        )
    for cell in mixes_by_columns:
        errors = "  ".join(
            f"{e['true_share']:.0%} {e['mean_error']:+.3f} (pooled {e['mean_error_pooled']:+.3f})"
            for e in cell["mixes"]
        )
        print(f"mean error, {'+'.join(cell['columns'])} / {cell['rows_from']}: {errors}")
    for r in profile_rates:
        print(
            f"error rates with columns {'+'.join(r['columns'])}: tpr {r['tpr']:.3f} "
            f"fpr {r['fpr']:.3f} ({r['rows']} rows, {r['fakes']} fakes)"
        )
    print(
        f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
        f"({args.out.stat().st_size / 1024:.0f} KiB, {len(trees)} trees)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
