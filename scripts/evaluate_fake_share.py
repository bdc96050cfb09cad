"""Measure fake-share estimators on labelled sets the forest never saw (leave-one-set-out).

Usage: python scripts/evaluate_fake_share.py [DATA_FOLDER] [--shares 0.05,0.1,...]
       [--draws N] [--size N] [--boot N] [--columns GROUPS] [--trees N] [--json PATH]
       [--ship PATH]

For each labelled set in turn, the forest is trained on the other sets with the shipped
procedure (`train_follower_model.py`: the same features, (file, class) weights, forest
settings and cut-off chosen by 5-fold cross-validation). The cross-validation's
out-of-fold probabilities, read with the held-out set's columns only, give each
estimator what it learns from labelled rows (error rates, mean probabilities, a
calibration). Audiences are then drawn with replacement from the held-out set at each
fake share, several times, and every estimator estimates their share:

- cc: the plain share of accounts flagged at the cut-off (classify and count);
- acc: adjusted classify-and-count (Forman 2008), (cc - fpr) / (tpr - fpr);
- pcc: the mean fake probability (probabilistic classify and count);
- pacc: the same adjustment on mean probabilities (Bella et al. 2010);
- em: the prior adjustment of Saerens, Latinne and Decaestecker (Neural Computation 14,
  2002) on the forest's probabilities, and em_platt on probabilities calibrated by a
  logistic fit of the out-of-fold ones;
- blends: the average of two or more of the above.

Each estimate gets a 95% bootstrap interval: the audience's accounts are resampled and the
learnt quantities drawn from their own sampling error (Beta posteriors for rates, normal
for means). Two widenings are checked. The rate-shift interval joins it with the shares
the flagged share allows when the audience's tpr and fpr differ from the learnt ones by as
much as they did on any held-out set; this is the one the audit ships. A constant margin
(the estimator's worst bias) is shown for comparison. Both are also checked with the
widening measured on the other sets only ("elsewhere").

`--columns counts,flags` reads the held-out sets with only those column groups known.
`--ship PATH` writes what the audit reads (src/influent/analytics/models/fake_share.json):
the run is added to the runs already in the file (one per `--columns`), and the estimator
is the one with the smallest mean error over the runs among those whose rate-shift
interval covers the truth at 95% or more in every run. The shipped model's 20% holdout is
left out of every set here: it stays unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_follower_model as shipped

from influent.analytics.follower_audit import feature_matrix
from influent.analytics.follower_features import groups_per_row, keep_groups, rows_with_groups

Array = np.ndarray[Any, Any]
SHARES = (0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.70)
BASE = ("cc", "acc", "pcc", "pacc", "em", "em_platt")
BLENDS = {
    "cc+acc": ("cc", "acc"),
    "pcc+pacc": ("pcc", "pacc"),
    "cc+pacc": ("cc", "pacc"),
    "acc+pacc": ("acc", "pacc"),
    "all": BASE,
}
ESTIMATORS = (*BASE, *BLENDS)
EPS = 1e-6


@dataclass(frozen=True)
class Learnt:
    """What the estimators learn from the training sets' out-of-fold predictions."""

    cutoff: float
    tp: int
    fn: int
    fp: int
    tn: int
    mean_fake: float  # mean out-of-fold probability of the fakes
    mean_real: float
    sd_fake: float
    sd_real: float
    fakes: int
    reals: int
    platt: tuple[float, float]  # logit(calibrated) = a * logit(p) + b, balanced classes


def logit(p: Array) -> Array:
    p = np.clip(p, 1e-3, 1 - 1e-3)
    return np.log(p / (1 - p))


def learn(y: Array, oof: Array, cutoff: float) -> Learnt:
    flagged = oof >= cutoff
    model = LogisticRegression(class_weight="balanced", C=1e6, max_iter=1000)
    model.fit(logit(oof)[:, None], y)
    fake, real = oof[y == 1], oof[y == 0]
    return Learnt(
        cutoff=cutoff,
        tp=int((flagged & (y == 1)).sum()),
        fn=int((~flagged & (y == 1)).sum()),
        fp=int((flagged & (y == 0)).sum()),
        tn=int((~flagged & (y == 0)).sum()),
        mean_fake=float(fake.mean()),
        mean_real=float(real.mean()),
        sd_fake=float(fake.std(ddof=1)),
        sd_real=float(real.std(ddof=1)),
        fakes=int(fake.size),
        reals=int(real.size),
        platt=(float(model.coef_[0, 0]), float(model.intercept_[0])),
    )


def adjust(observed: Array, low: Array, high: Array) -> Array:
    """(observed - low) / (high - low), clipped to [0, 1]; the observed value if no spread."""
    spread = high - low
    safe = np.where(spread > EPS, spread, 1.0)
    return np.where(spread > EPS, np.clip((observed - low) / safe, 0, 1), observed)


def em_prior(posteriors: Array, prior: float = 0.5, steps: int = 200) -> Array:
    """Saerens et al. (2002): the fake share that makes the adjusted posteriors average to it.

    `posteriors` is (audiences, accounts); the training prior is 0.5 (balanced weights).
    """
    p = posteriors.mean(axis=1)
    for _ in range(steps):
        ratio = (p / prior)[:, None]
        rest = ((1 - p) / (1 - prior))[:, None]
        adjusted = ratio * posteriors / (ratio * posteriors + rest * (1 - posteriors) + EPS)
        new = adjusted.mean(axis=1)
        if np.abs(new - p).max() < 1e-5:
            return new
        p = new
    return p


def estimate(
    proba: Array, learnt: Learnt, rng: np.random.Generator | None = None
) -> dict[str, Array]:
    """Every estimator for each audience (rows of `proba`).

    With `rng`, the learnt rates and means are drawn from their sampling error (one draw
    per audience), for the bootstrap interval.
    """
    m = proba.shape[0]
    lt = learnt
    if rng is None:
        tpr = np.full(m, lt.tp / (lt.tp + lt.fn))
        fpr = np.full(m, lt.fp / (lt.fp + lt.tn))
        mean_fake, mean_real = np.full(m, lt.mean_fake), np.full(m, lt.mean_real)
    else:
        tpr = rng.beta(lt.tp + 1, lt.fn + 1, m)
        fpr = rng.beta(lt.fp + 1, lt.tn + 1, m)
        mean_fake = rng.normal(lt.mean_fake, lt.sd_fake / np.sqrt(lt.fakes), m)
        mean_real = rng.normal(lt.mean_real, lt.sd_real / np.sqrt(lt.reals), m)
    cc = (proba >= lt.cutoff).mean(axis=1)
    pcc = proba.mean(axis=1)
    a, b = lt.platt
    calibrated = 1 / (1 + np.exp(-(a * logit(proba) + b)))
    found = {
        "cc": cc,
        "acc": adjust(cc, fpr, tpr),
        "pcc": pcc,
        "pacc": adjust(pcc, mean_real, mean_fake),
        "em": em_prior(np.clip(proba, EPS, 1 - EPS)),
        "em_platt": em_prior(calibrated),
    }
    for name, parts in BLENDS.items():
        found[name] = np.mean([found[p] for p in parts], axis=0)
    return found


def train_and_learn(
    x: Array, y: Array, source: Array, held_x: Array
) -> tuple[Callable[[Array], Array], Learnt, list[str]]:
    """The shipped procedure on the training sets; rates read with the held-out columns."""
    profile = frozenset().union(*groups_per_row(held_x))
    oof, oof_profile = np.zeros(len(y)), np.zeros(len(y))
    for a, b in shipped.folds(y, source):
        forest = shipped.fit(x[a], y[a], source[a])
        oof[b] = forest.predict_proba(x[b])[:, 1]
        oof_profile[b] = forest.predict_proba(keep_groups(x[b], profile))[:, 1]
    cutoff = shipped.choose_cutoff(y, oof)
    # As the audit does: rates measured on the rows that have every group of the profile,
    # else with the rows' own columns (the pooled rates).
    measured = rows_with_groups(x, profile)
    if measured.any():
        learnt = learn(y[measured], oof_profile[measured], cutoff)
    else:
        learnt = learn(y, oof, cutoff)
    forest = shipped.fit(x, y, source)
    return (lambda rows: forest.predict_proba(rows)[:, 1]), learnt, sorted(profile)


def evaluate(
    proba: Array,
    y: Array,
    learnt: Learnt,
    shares: tuple[float, ...],
    draws: int,
    size: int,
    boot: int,
    rng: np.random.Generator,
    advance: Callable[[], None],
) -> dict[float, dict[str, dict[str, Array]]]:
    """Per share and estimator: estimates, interval lows and highs, one per drawn audience."""
    fakes, reals = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    out: dict[float, dict[str, dict[str, Array]]] = {}
    for share in shares:
        n_fake = round(size * share)
        cells: dict[str, dict[str, list[float]]] = {
            e: {"estimate": [], "low": [], "high": [], "q_low": [], "q_high": []}
            for e in ESTIMATORS
        }
        for _ in range(draws):
            audience = proba[
                np.concatenate([rng.choice(fakes, n_fake), rng.choice(reals, size - n_fake)])
            ]
            point = estimate(audience[None, :], learnt)
            resampled = audience[rng.integers(0, size, (boot, size))]
            spread = estimate(resampled, learnt, rng)
            q_low, q_high = np.percentile(spread["cc"], [2.5, 97.5])
            for e in ESTIMATORS:
                low, high = np.percentile(spread[e], [2.5, 97.5])
                cells[e]["q_low"].append(float(q_low))
                cells[e]["q_high"].append(float(q_high))
                cells[e]["estimate"].append(float(point[e][0]))
                cells[e]["low"].append(float(low))
                cells[e]["high"].append(float(high))
            advance()
        out[share] = {e: {k: np.array(v) for k, v in c.items()} for e, c in cells.items()}
    return out


def shift_interval(
    q_low: Array, q_high: Array, tpr: float, fpr: float, tpr_shift: float, fpr_shift: float
) -> tuple[Array, Array]:
    """The shares consistent with the flagged share's interval when the audience's own
    rates may differ from the learnt ones by up to the given shifts (either way).

    The adjusted share falls as either rate rises: the low end takes the highest rates and
    the low flagged share, the high end the lowest rates and the high flagged share.
    """
    t_high, f_high = min(tpr + tpr_shift, 1.0), min(fpr + fpr_shift, 1.0)
    t_low, f_low = max(tpr - tpr_shift, 0.0), max(fpr - fpr_shift, 0.0)
    low = adjust(q_low, np.full_like(q_low, f_high), np.full_like(q_low, t_high))
    low = np.where(t_high > f_high, low, 0.0)
    high = adjust(q_high, np.full_like(q_high, f_low), np.full_like(q_high, t_low))
    high = np.where(t_low > f_low, high, 1.0)
    return low, high


def summarise(
    results: dict[str, dict[float, dict[str, dict[str, Array]]]],
    setup: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Per estimator: error per set and share, and the coverage of its intervals.

    Three intervals are checked: the bootstrap alone; the bootstrap widened on both sides
    by the estimator's worst bias over sets and shares (a constant margin); and the
    rate-shift interval, the union of the bootstrap and of the shares consistent with the
    flagged share when the audience's rates differ from the learnt ones by as much as
    they did on any held-out set. The last two are also checked with the widening measured
    on the other sets only ("elsewhere").
    """
    sets = list(results)
    shifts = {
        name: (abs(s["tpr_actual"] - s["tpr"]), abs(s["fpr_actual"] - s["fpr"]))
        for name, s in setup.items()
    }

    def widest(names: list[str]) -> tuple[float, float]:
        chosen = [shifts[n] for n in names] or list(shifts.values())
        return max(t for t, _ in chosen), max(f for _, f in chosen)

    summary: dict[str, dict[str, Any]] = {}
    for e in ESTIMATORS:
        cells = []
        for name in sets:
            for share, by in results[name].items():
                errors = by[e]["estimate"] - share
                cells.append(
                    {
                        "set": name,
                        "share": share,
                        "mae": float(np.abs(errors).mean()),
                        "bias": float(errors.mean()),
                    }
                )
        margin = max(abs(c["bias"]) for c in cells)
        for c in cells:
            name, share = c["set"], c["share"]
            by = results[name][share][e]
            low, high = by["low"], by["high"]
            other = max((abs(d["bias"]) for d in cells if d["set"] != name), default=margin)

            def covers(lo: Array, hi: Array, share: float = share) -> float:
                return float(((lo <= share + 1e-9) & (share - 1e-9 <= hi)).mean())

            c["coverage"] = covers(low, high)
            c["coverage_margin"] = covers(low - margin, high + margin)
            c["coverage_margin_elsewhere"] = covers(low - other, high + other)
            c["width_margin"] = float(
                (np.minimum(high + margin, 1) - np.maximum(low - margin, 0)).mean()
            )
            rates = (setup[name]["tpr"], setup[name]["fpr"])
            for key, names in (
                ("shift", sets),
                ("shift_elsewhere", [n for n in sets if n != name]),
            ):
                env_low, env_high = shift_interval(
                    by["q_low"], by["q_high"], *rates, *widest(names)
                )
                lo, hi = np.minimum(low, env_low), np.maximum(high, env_high)
                c[f"coverage_{key}"] = covers(lo, hi)
                c[f"width_{key}"] = float((hi - lo).mean())
        per_set = {
            name: float(np.mean([c["mae"] for c in cells if c["set"] == name])) for name in sets
        }

        def mean_of(key: str, cells: list[dict[str, Any]] = cells) -> float:
            return float(np.mean([c[key] for c in cells]))

        summary[e] = {
            "mae_per_set": per_set,
            "mae": float(np.mean(list(per_set.values()))),
            "worst_bias": margin,
            **{
                key: mean_of(key)
                for key in (
                    "coverage",
                    "coverage_margin",
                    "coverage_margin_elsewhere",
                    "width_margin",
                    "coverage_shift",
                    "coverage_shift_elsewhere",
                    "width_shift",
                )
            },
            "min_coverage_shift": min(c["coverage_shift"] for c in cells),
            "cells": cells,
        }
    return summary


def choose(summary: dict[str, dict[str, Any]], nominal: float = 0.95) -> str:
    """The estimator with the smallest error across sets whose rate-shift interval covers
    the truth at the nominal rate on average over sets and shares."""
    covering = [e for e in ESTIMATORS if summary[e]["coverage_shift"] >= nominal]
    return min(covering or list(ESTIMATORS), key=lambda e: summary[e]["mae"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=shipped.DEFAULT_DATA)
    parser.add_argument("--shares", default=",".join(str(s) for s in SHARES))
    parser.add_argument("--draws", type=int, default=40, help="audiences per set and share")
    parser.add_argument("--size", type=int, default=1000, help="accounts per audience")
    parser.add_argument("--boot", type=int, default=300, help="bootstrap draws per interval")
    parser.add_argument(
        "--columns",
        default=None,
        help="read the held-out sets with only these column groups (comma-separated, "
        "from counts, flags, username, profile_text)",
    )
    parser.add_argument("--trees", type=int, default=None, help="fewer trees (quick runs)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument(
        "--ship", type=Path, default=None, help="write the chosen estimator for the audit here"
    )
    args = parser.parse_args(argv)
    shares = tuple(float(s) for s in args.shares.split(","))
    kept = frozenset(args.columns.split(",")) if args.columns else None
    if args.trees:
        shipped.FOREST = {**shipped.FOREST, "n_estimators": args.trees}

    names = list(shipped.FILES)
    loaded = {name: shipped.read(args.data, name) for name in names}
    rows = [r for name in names for r in loaded[name][0]]
    y = np.concatenate([loaded[name][1] for name in names])
    source = np.concatenate([np.full(len(loaded[name][1]), i) for i, name in enumerate(names)])
    x, _, _ = feature_matrix(rows)
    # The shipped model's holdout stays unread, here too.
    train, _ = train_test_split(
        np.arange(len(y)),
        test_size=shipped.HOLDOUT,
        stratify=source * 2 + y,
        random_state=shipped.SEED,
    )
    x, y, source = x[train], y[train], source[train]

    console = Console(width=max(Console().width, 200))
    rng = np.random.default_rng(shipped.SEED)
    results: dict[str, dict[float, dict[str, dict[str, Array]]]] = {}
    setup: dict[str, Any] = {}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("audiences", total=len(names) * len(shares) * args.draws)
        for i, held in enumerate(names):
            rest, mine = source != i, source == i
            held_x = x[mine] if kept is None else keep_groups(x[mine], kept)
            progress.update(task, description=f"training without {held}")
            score, learnt, profile = train_and_learn(x[rest], y[rest], source[rest], held_x)
            progress.update(task, description=f"audiences from {held}")
            results[held] = evaluate(
                score(held_x),
                y[mine],
                learnt,
                shares,
                args.draws,
                args.size,
                args.boot,
                rng,
                lambda: progress.advance(task),
            )
            flagged = score(held_x) >= learnt.cutoff
            setup[held] = {
                "rows": int(mine.sum()),
                "fakes": int(y[mine].sum()),
                "columns": profile,
                "cutoff": learnt.cutoff,
                "tpr": learnt.tp / (learnt.tp + learnt.fn),
                "fpr": learnt.fp / (learnt.fp + learnt.tn),
                "tpr_actual": float(flagged[y[mine] == 1].mean()),
                "fpr_actual": float(flagged[y[mine] == 0].mean()),
            }
    summary = summarise(results, setup)
    chosen = choose(summary)
    show(console, summary, setup, chosen, shares)
    if args.json:
        figures = {
            "setup": {
                "shares": list(shares),
                "draws": args.draws,
                "size": args.size,
                "boot": args.boot,
                "trees": shipped.FOREST["n_estimators"],
                "columns": sorted(kept) if kept else "as in each set",
                "held_out": setup,
            },
            "chosen": chosen,
            "estimators": summary,
        }
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if args.ship:
        previous = json.loads(args.ship.read_text(encoding="utf-8")) if args.ship.exists() else None
        shipping = shipped_estimator(summary, setup, chosen, args, previous)
        args.ship.write_text(json.dumps(shipping, indent=1) + "\n", encoding="utf-8")
    return 0


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def shipped_estimator(
    summary: dict[str, dict[str, Any]],
    setup: dict[str, dict[str, Any]],
    chosen: str,
    args: argparse.Namespace,
    previous: dict[str, Any] | None,
) -> dict[str, Any]:
    """What the audit reads: the estimator, the rate shifts that widen its interval per
    column profile, and the figures of every run behind them.

    Runs with other `--columns` already in the file are kept, so the file gathers one run
    per column profile; the estimator is the one with the smallest mean error over the
    runs among those whose rate-shift interval covers at the nominal rate in every run.
    """
    columns = args.columns.split(",") if args.columns else None
    shift = (
        max(abs(s["tpr_actual"] - s["tpr"]) for s in setup.values()),
        max(abs(s["fpr_actual"] - s["fpr"]) for s in setup.values()),
    )
    run = {
        "columns": sorted(columns) if columns else "as in each set",
        "profiles": sorted({tuple(s["columns"]) for s in setup.values()}),
        "tpr_shift": shift[0],
        "fpr_shift": shift[1],
        "chosen": chosen,
        "shares": [float(s) for s in args.shares.split(",")],
        "audiences_per_share": args.draws,
        "audience_size": args.size,
        "bootstrap_draws": args.boot,
        "held_out": setup,
        "estimators": {
            e: {k: v for k, v in summary[e].items() if k != "cells"} for e in ESTIMATORS
        },
        "cells": {e: summary[e]["cells"] for e in dict.fromkeys((chosen, "cc", "acc"))},
    }
    runs = [r for r in (previous or {}).get("runs", []) if r["columns"] != run["columns"]]
    runs.append(_rounded(run))
    covering = [
        e for e in ESTIMATORS if all(r["estimators"][e]["coverage_shift"] >= 0.95 for r in runs)
    ] or list(ESTIMATORS)
    estimator = min(covering, key=lambda e: np.mean([r["estimators"][e]["mae"] for r in runs]))
    shifts: dict[tuple[str, ...], tuple[float, float]] = {}
    for r in runs:
        for profile in r["profiles"]:
            old = shifts.get(tuple(profile), (0.0, 0.0))
            shifts[tuple(profile)] = (max(old[0], r["tpr_shift"]), max(old[1], r["fpr_shift"]))
    return {
        "estimator": estimator,
        "rule": "smallest mean absolute error over the runs among the estimators whose "
        "rate-shift interval covers the truth at 95% or more in every run",
        "method": "leave-one-set-out; audiences drawn with replacement from the held-out set",
        "tpr_shift": max(r["tpr_shift"] for r in runs),
        "fpr_shift": max(r["fpr_shift"] for r in runs),
        "shifts": [
            {"columns": list(p), "tpr_shift": t, "fpr_shift": f}
            for p, (t, f) in sorted(shifts.items())
        ],
        "mae_over_runs": {
            e: round(float(np.mean([r["estimators"][e]["mae"] for r in runs])), 4)
            for e in ESTIMATORS
        },
        "runs": sorted(runs, key=lambda r: str(r["columns"])),
    }


def show(
    console: Console,
    summary: dict[str, dict[str, Any]],
    setup: dict[str, Any],
    chosen: str,
    shares: tuple[float, ...],
) -> None:
    for held, s in setup.items():
        console.print(
            f"held out {held}: {s['rows']} rows ({s['fakes']} fakes), columns "
            f"{'+'.join(s['columns'])}; trained on the others: cut-off {s['cutoff']}, "
            f"learnt tpr {s['tpr']:.3f} fpr {s['fpr']:.3f}, "
            f"on {held} tpr {s['tpr_actual']:.3f} fpr {s['fpr_actual']:.3f}",
            highlight=False,
        )
    sets = list(setup)
    table = Table(title="Mean absolute error (bias) in points, by held-out set and share")
    table.add_column("held out")
    table.add_column("share", justify="right")
    for e in ESTIMATORS:
        table.add_column(e, justify="right")
    cells = {e: {(c["set"], c["share"]): c for c in summary[e]["cells"]} for e in ESTIMATORS}
    for h in sets:
        for sh in shares:
            table.add_row(
                h,
                f"{sh:.0%}",
                *(
                    f"{100 * cells[e][h, sh]['mae']:.1f} ({100 * cells[e][h, sh]['bias']:+.1f})"
                    for e in ESTIMATORS
                ),
            )
    console.print(table)
    overview = Table(title="Across sets (coverage of 95% intervals; widths in points)")
    columns = ("estimator", "MAE", *(f"MAE {h}" for h in sets), "worst bias", "bootstrap")
    columns += ("margin", "elsewhere", "width", "shift", "elsewhere", "worst cell", "width")
    for column in columns:
        overview.add_column(column, justify="right")
    for e in ESTIMATORS:
        s = summary[e]
        overview.add_row(
            e + (" *" if e == chosen else ""),
            f"{100 * s['mae']:.1f}",
            *(f"{100 * s['mae_per_set'][h]:.1f}" for h in sets),
            f"{100 * s['worst_bias']:.1f}",
            f"{s['coverage']:.2f}",
            f"{s['coverage_margin']:.2f}",
            f"{s['coverage_margin_elsewhere']:.2f}",
            f"{100 * s['width_margin']:.0f}",
            f"{s['coverage_shift']:.2f}",
            f"{s['coverage_shift_elsewhere']:.2f}",
            f"{s['min_coverage_shift']:.2f}",
            f"{100 * s['width_shift']:.0f}",
        )
    console.print(overview)
    console.print(f"chosen: {chosen}", highlight=False)


if __name__ == "__main__":
    sys.exit(main())
