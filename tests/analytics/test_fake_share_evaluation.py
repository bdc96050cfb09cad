"""The fake-share estimator is chosen by a leave-one-set-out evaluation (scripts/)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from influent.analytics.fake_share import ESTIMATORS as SHIPPABLE
from influent.analytics.fake_share import load_estimator

ROOT = Path(__file__).parents[2]
LABELS = ROOT / "tests" / "fixtures" / "follower-labels"
SHIPPED = ROOT / "src" / "influent" / "analytics" / "models" / "fake_share.json"


def _script() -> object:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        path = ROOT / "scripts" / "evaluate_fake_share.py"
        spec = importlib.util.spec_from_file_location("evaluate_fake_share", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        # Its dataclasses look their module up while the module loads.
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_it_measures_every_estimator_on_each_held_out_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = _script()
    figures_path, ship_path = tmp_path / "figures.json", tmp_path / "fake_share.json"
    argv = [str(LABELS), "--shares", "0.1,0.3,0.5", "--draws", "3", "--boot", "60"]
    argv += ["--trees", "20", "--size", "300", "--json", str(figures_path)]
    assert module.main([*argv, "--ship", str(ship_path)]) == 0  # type: ignore[attr-defined]
    out = capsys.readouterr().out
    assert "held out srf" in out and "held out kaggle" in out
    figures = json.loads(figures_path.read_text(encoding="utf-8"))
    estimators = figures["estimators"]
    assert set(estimators) == set(module.ESTIMATORS)  # type: ignore[attr-defined]
    for summary in estimators.values():
        cells = {(c["set"], c["share"]) for c in summary["cells"]}
        assert cells == {(s, share) for s in ("srf", "kaggle") for share in (0.1, 0.3, 0.5)}
        assert 0 <= summary["mae"] <= 1 and 0 <= summary["coverage_shift"] <= 1
    # The forest trained on one set alone errs by points, not by nothing nor by everything.
    assert 0.02 < estimators["cc"]["mae"] < 0.35
    chosen = figures["chosen"]
    assert f"chosen: {chosen}" in out
    assert estimators[chosen]["coverage_shift"] >= 0.95
    assert estimators[chosen]["mae"] == min(
        s["mae"] for s in estimators.values() if s["coverage_shift"] >= 0.95
    )
    ship = json.loads(ship_path.read_text(encoding="utf-8"))
    assert ship["estimator"] == chosen
    assert 0 < ship["tpr_shift"] < 1 and 0 < ship["fpr_shift"] < 1


def test_the_shipped_estimator_is_the_one_its_evaluation_chose() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    estimator = load_estimator()
    assert estimator.name == data["estimator"] in SHIPPABLE
    runs = data["runs"]
    # One run with each set's own columns, and runs with fewer columns.
    assert {str(r["columns"]) for r in runs} >= {"as in each set", "['counts']"}
    covering = [
        e
        for e in runs[0]["estimators"]
        if all(r["estimators"][e]["coverage_shift"] >= 0.95 for r in runs)
    ]
    mean_error = {e: sum(r["estimators"][e]["mae"] for r in runs) / len(runs) for e in covering}
    assert estimator.name == min(mean_error, key=mean_error.__getitem__)
    for run in runs:
        assert run["estimators"][estimator.name]["min_coverage_shift"] >= 0.95
    # Every column profile evaluated has its shifts, and the fallback is the largest.
    assert estimator.shift_for(frozenset({"counts"})) == (
        next(s["tpr_shift"] for s in data["shifts"] if s["columns"] == ["counts"]),
        next(s["fpr_shift"] for s in data["shifts"] if s["columns"] == ["counts"]),
    )
    assert estimator.shift_for(frozenset({"username"})) == (
        max(r["tpr_shift"] for r in runs),
        max(r["fpr_shift"] for r in runs),
    )
    card = (ROOT / "docs" / "model-card.md").read_text(encoding="utf-8")
    assert f"**The choice: `{estimator.name}`" in card
