"""Train the follower-audit model and write it, with its validation, as JSON trees.

Usage: python scripts/train_follower_model.py [DATA_FOLDER] [--out PATH]

DATA_FOLDER holds srf_train.csv, kaggle_train.csv and SOURCE.md (default:
../shared/data/follower-labels next to the repository). scikit-learn is needed here
only; the package evaluates the written trees with numpy.

Both files go through the package's own feature builder (`feature_matrix`), so training
and auditing read columns the same way. Features a file lacks stay NaN: the forest learns
where unknown values go (scikit-learn >= 1.4 trees route missing values at each split).
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
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from influent.analytics.follower_audit import (
    FEATURES,
    audit_followers,
    feature_matrix,
    model_from_dict,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "follower-labels"
DEFAULT_OUT = ROOT / "src" / "influent" / "analytics" / "models" / "follower_audit.json"
SEED = 0
THRESHOLD = 0.5
HOLDOUT = 0.2
MIXES = (0.10, 0.30, 0.60)
MIX_SIZE = 1000
FOREST = {
    "n_estimators": 150,
    "min_samples_leaf": 2,
    "max_features": 0.5,
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


def fit(x: np.ndarray, y: np.ndarray, source: np.ndarray) -> RandomForestClassifier:
    forest = RandomForestClassifier(**FOREST)
    forest.fit(x, y, sample_weight=weights(y, source))
    return forest


def rates(y: np.ndarray, proba: np.ndarray) -> dict[str, Any]:
    predicted = proba >= THRESHOLD
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


def export(forest: RandomForestClassifier) -> list[dict[str, Any]]:
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


def mix_errors(
    model_json: dict[str, Any], rows: list[dict[str, str]], y: np.ndarray
) -> list[dict[str, Any]]:
    """Estimate the fake share of audiences drawn from held-out rows at known mixes."""
    model = model_from_dict(model_json)
    rng = np.random.default_rng(SEED)
    fakes, reals = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    results: list[dict[str, Any]] = []
    for mix in MIXES:
        n_fake = round(MIX_SIZE * mix)
        chosen = np.concatenate([rng.choice(fakes, n_fake), rng.choice(reals, MIX_SIZE - n_fake)])
        audit = audit_followers([rows[i] for i in chosen], model=model)
        results.append(
            {
                "true_share": mix,
                "estimate": round(audit.fake_share, 4),
                "error": round(audit.fake_share - mix, 4),
                "interval": [round(audit.interval[0], 4), round(audit.interval[1], 4)],
                "classified_share": round(audit.classified_share, 4),
                "audience_size": MIX_SIZE,
            }
        )
    return results


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
    x, _, problems = feature_matrix(rows)
    if problems:
        raise SystemExit(f"unreadable training cells: {problems[:5]}")

    # Held out before anything else: the known-mix check and the holdout figures use it.
    train, test = train_test_split(
        np.arange(len(y)), test_size=HOLDOUT, stratify=source * 2 + y, random_state=SEED
    )
    oof = np.zeros(len(y))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for fit_idx, eval_idx in folds.split(train, source[train] * 2 + y[train]):
        a, b = train[fit_idx], train[eval_idx]
        oof[b] = fit(x[a], y[a], source[a]).predict_proba(x[b])[:, 1]
    cv = rates(y[train], oof[train])
    per_file = {
        n: rates(y[train][source[train] == i], oof[train][source[train] == i])
        for i, n in enumerate(names)
    }

    cross = {}
    for i, trained_on in enumerate(names):
        other = 1 - i
        forest = fit(x[source == i], y[source == i], source[source == i])
        cross[f"train_{trained_on}_test_{names[other]}"] = rates(
            y[source == other], forest.predict_proba(x[source == other])[:, 1]
        )

    forest = fit(x[train], y[train], source[train])
    trees = export(forest)
    model_json: dict[str, Any] = {
        "format": "influent-forest-1",
        "features": list(FEATURES),
        "threshold": THRESHOLD,
        "error_rates": {
            "source": "5-fold stratified cross-validation on the training part",
            "tpr": cv["sensitivity"],
            "fpr": round(1 - cv["specificity"], 4),
            **{k: cv[k] for k in ("tp", "fn", "fp", "tn")},
        },
        "trees": trees,
    }
    check = model_from_dict(model_json)
    mine, _ = check.predict(x)
    theirs = forest.predict_proba(x)[:, 1]
    if np.abs(mine - theirs).max() > 1e-5:
        raise SystemExit("exported trees disagree with scikit-learn")

    holdout = rates(y[test], theirs[test])
    mixes = mix_errors(model_json, [rows[i] for i in test], y[test])
    model_json.update(
        {
            "validation": {
                "cross_validation": {"folds": 5, **cv, "per_file": per_file},
                "cross_set": cross,
                "holdout": holdout,
                "known_mixes": mixes,
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
                "algorithm": "random forest (scikit-learn RandomForestClassifier)",
                "scikit_learn": sklearn.__version__,
                "parameters": FOREST,
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

    show("5-fold CV (training part)", cv)
    for name, r in per_file.items():
        show(f"  of which {name}", r)
    for name, r in cross.items():
        show(name, r)
    show("holdout (20%)", holdout)
    for m in mixes:
        print(
            f"known mix {m['true_share']:.0%}: estimate {m['estimate']:.3f} "
            f"(error {m['error']:+.3f}, 95% interval {m['interval'][0]:.3f}–"
            f"{m['interval'][1]:.3f})"
        )
    print(
        f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
        f"({args.out.stat().st_size / 1024:.0f} KiB, {len(trees)} trees)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
