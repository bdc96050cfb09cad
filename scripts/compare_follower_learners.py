"""Compare learners for the follower audit under the shipped model's own validation protocol.

Usage: python scripts/compare_follower_learners.py [DATA_FOLDER] [--seeds N] [--only NAME ...]

Every learner goes through the same procedure as `train_follower_model.py`: the same 20%
holdout is set aside and never read; on the remaining rows, nested 5-fold cross-validation
in which each outer fold chooses its cut-off by an inner 5-fold cross-validation of its own
training rows, with the same (file, class) sample weights. The nested run is repeated with
outer seeds 0..N-1 and the pooled balanced accuracy is reported as mean, min and max, with
the mean per file. LightGBM is compared when it is installed (it is not a dependency).
`--fine-cutoffs` lets every cut-off choice pick from steps of 0.025 instead of 0.05.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import ExtraTreesClassifier, HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_follower_model as shipped

from influent.analytics.follower_audit import feature_matrix

Array = np.ndarray[Any, Any]
Scorer = Callable[[Array], Array]
Learner = Callable[[Array, Array, Array, int], Scorer]


def _forest(**changes: Any) -> Learner:
    def fit(x: Array, y: Array, source: Array, seed: int) -> Scorer:
        params = {**shipped.FOREST, "random_state": seed, **changes}
        model = ExtraTreesClassifier(**params).fit(x, y, sample_weight=shipped.weights(y, source))
        return lambda rows: model.predict_proba(rows)[:, 1]

    return fit


def reshaped_kaggle(x: Array, y: Array, source: Array, seed: int) -> Scorer:
    """Extra-trees that also see each Kaggle row with SRF's missing columns blanked.

    SRF's rows lack five of the features; the copies show the forest Kaggle's fakes in
    SRF's shape, as a third (file, class) group of the weights.
    """
    srf_lacks = np.isnan(x[source == 0]).all(axis=0)
    kaggle = source == 1
    copies = x[kaggle].copy()
    copies[:, srf_lacks] = np.nan
    x2 = np.vstack([x, copies])
    y2 = np.concatenate([y, y[kaggle]])
    source2 = np.concatenate([source, np.full(int(kaggle.sum()), 2)])
    return _forest()(x2, y2, source2, seed)


def gradient_boosting(x: Array, y: Array, source: Array, seed: int) -> Scorer:
    model = HistGradientBoostingClassifier(
        learning_rate=0.05,
        max_iter=300,
        max_leaf_nodes=8,
        l2_regularization=1.0,
        min_samples_leaf=10,
        random_state=seed,
    ).fit(x, y, sample_weight=shipped.weights(y, source))
    return lambda rows: model.predict_proba(rows)[:, 1]


def lightgbm_trees(x: Array, y: Array, source: Array, seed: int) -> Scorer:
    import lightgbm

    model = lightgbm.LGBMClassifier(
        n_estimators=300,
        learning_rate=0.03,
        num_leaves=8,
        min_child_samples=10,
        subsample=0.8,
        subsample_freq=1,
        colsample_bytree=0.8,
        reg_lambda=1.0,
        random_state=seed,
        verbose=-1,
        n_jobs=2,
    ).fit(x, y, sample_weight=shipped.weights(y, source))
    return lambda rows: model.predict_proba(rows)[:, 1]


def _scaled(final: Any) -> Any:
    # Unknown values: the median, plus an indicator column per feature that can be missing.
    return make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True), StandardScaler(), final
    )


def logistic(x: Array, y: Array, source: Array, seed: int) -> Scorer:
    model = _scaled(LogisticRegression(max_iter=2000))
    model.fit(x, y, logisticregression__sample_weight=shipped.weights(y, source))
    return lambda rows: model.predict_proba(rows)[:, 1]


def support_vectors(x: Array, y: Array, source: Array, seed: int) -> Scorer:
    # The SVM's decision value, squashed to (0, 1): the cut-off search only needs an order
    # and a scale comparable across folds.
    model = _scaled(SVC(C=3.0, random_state=seed))
    model.fit(x, y, svc__sample_weight=shipped.weights(y, source))
    return lambda rows: 1 / (1 + np.exp(-2 * model.decision_function(rows)))


def blend(*learners: Learner) -> Learner:
    def fit(x: Array, y: Array, source: Array, seed: int) -> Scorer:
        scorers = [learn(x, y, source, seed) for learn in learners]
        return lambda rows: np.mean([score(rows) for score in scorers], axis=0)

    return fit


LEARNERS: dict[str, Learner] = {
    "extra-trees (shipped)": _forest(),
    "extra-trees, 1,000 trees": _forest(n_estimators=1000),
    "extra-trees, depth at most 12": _forest(max_depth=12),
    "extra-trees + SRF-shaped Kaggle rows": reshaped_kaggle,
    "gradient boosting": gradient_boosting,
    "lightgbm": lightgbm_trees,
    "logistic regression": logistic,
    "svm (rbf)": support_vectors,
    "extra-trees + gradient boosting": blend(_forest(), gradient_boosting),
    "extra-trees + svm": blend(_forest(), support_vectors),
}


def _folds(y: Array, source: Array, seed: int) -> list[tuple[Array, Array]]:
    split = StratifiedKFold(n_splits=shipped.FOLDS, shuffle=True, random_state=seed)
    return list(split.split(y, source * 2 + y))


def nested(learn: Learner, x: Array, y: Array, source: Array, seed: int) -> Array:
    """Flags for every row from the whole procedure, cut-off chosen without the row."""
    flagged = np.zeros(len(y), dtype=bool)
    for a, b in _folds(y, source, seed):
        inner = np.zeros(len(a))
        for c, d in _folds(y[a], source[a], seed):
            inner[d] = learn(x[a][c], y[a][c], source[a][c], seed)(x[a][d])
        cutoff = shipped.choose_cutoff(y[a], inner)
        flagged[b] = learn(x[a], y[a], source[a], seed)(x[b]) >= cutoff
    return flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=shipped.DEFAULT_DATA)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="learner names to run")
    parser.add_argument(
        "--fine-cutoffs",
        action="store_true",
        help="choose cut-offs from steps of 0.025 instead of the shipped steps of 0.05",
    )
    args = parser.parse_args(argv)

    if args.fine_cutoffs:
        shipped.CUTOFFS = tuple(round(0.20 + 0.025 * i, 3) for i in range(19))
    names = list(shipped.FILES)
    loaded = {name: shipped.read(args.data, name) for name in names}
    rows = [r for name in names for r in loaded[name][0]]
    y = np.concatenate([loaded[name][1] for name in names])
    source = np.concatenate([np.full(len(loaded[name][1]), i) for i, name in enumerate(names)])
    x, _, _ = feature_matrix(rows)
    train, _ = train_test_split(
        np.arange(len(y)),
        test_size=shipped.HOLDOUT,
        stratify=source * 2 + y,
        random_state=shipped.SEED,
    )
    x, y, source = x[train], y[train], source[train]

    print(f"{'learner':<38} {'mean':>6} {'min':>6} {'max':>6}  per file (mean)")
    for name, learn in LEARNERS.items():
        if args.only and name not in args.only:
            continue
        if learn is lightgbm_trees:
            try:
                import lightgbm  # noqa: F401
            except ImportError:
                print(f"{name:<38} not installed; skipped")
                continue
        started = time.perf_counter()
        pooled, per_file = [], []
        for seed in range(args.seeds):
            flagged = nested(learn, x, y, source, seed)
            pooled.append(balanced_accuracy_score(y, flagged))
            per_file.append(
                [balanced_accuracy_score(y[source == i], flagged[source == i]) for i in (0, 1)]
            )
        files = "  ".join(
            f"{n} {np.mean([p[i] for p in per_file]):.3f}" for i, n in enumerate(names)
        )
        print(
            f"{name:<38} {np.mean(pooled):6.4f} {min(pooled):6.4f} {max(pooled):6.4f}  "
            f"{files}  ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
