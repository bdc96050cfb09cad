"""Creator page speed: everything a creator page asks the server for, demo workspace, warm.

A visit is what the browser fetches for one creator page: the page, its vetting section and
campaigns section (htmx), and the two charts the vetting section shows. Each visit is timed
through the in-process ASGI client, beside a baseline measured in the same run: the bare
login page (a template, no query), fetched the same way. Wall time is printed with the
processor time the process used meanwhile, which a busy machine inflates much less.

    python benchmarks/bench_creator_page.py [--pages 30] [--rounds 5]

The demo workspace is built once (`influent demo`) into benchmarks/.data/creator-page/ and
reused by later runs; `--data DIR` points at another one. "Warm" means each page was visited
once before the timed rounds, so its charts were drawn and kept; the first visit is reported
apart.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from influent.settings import Settings
from influent.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DATA = Path(__file__).parent / ".data" / "creator-page"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_CHARTS = re.compile(r'src="(/creators/\d+/(?:history|tier)\.png[^"]*)"')


def _settings(folder: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{folder / 'influent.db'}", data_dir=folder / "data")


def _build_demo(folder: Path) -> None:
    if (folder / "influent.db").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "INFLUENT_DATABASE_URL": f"sqlite:///{folder / 'influent.db'}",
        "INFLUENT_DATA_DIR": str(folder / "data"),
    }
    print(f"Building the demo workspace in {folder} (a few minutes, once)…", flush=True)
    subprocess.run(
        [sys.executable, "-c", "from influent.cli.main import run; run()", "demo"],
        env=env,
        check=True,
    )


def _logged_in(client: TestClient) -> TestClient:
    token = _CSRF.search(client.get("/login").text)
    assert token is not None
    form = {
        "email": "demo@influent.local",
        "password": "demo-influent",
        "csrf_token": token.group(1),
    }
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


_CPU: list[float] = []  # processor seconds of every timed fetch, kept beside the wall times


def _timed(fetch: Callable[[], object]) -> float:
    cpu, start = time.process_time(), time.perf_counter()
    fetch()
    _CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start


def _get(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.text if "png" not in url else ""


def _visit(client: TestClient, creator_id: int) -> dict[str, float]:
    """One creator page as a browser loads it; seconds per part and in all."""
    parts: dict[str, float] = {}
    parts["page"] = _timed(lambda: _get(client, f"/creators/{creator_id}"))
    fragment: list[str] = []
    parts["vetting"] = _timed(
        lambda: fragment.append(_get(client, f"/creators/{creator_id}/vetting"))
    )
    parts["campaigns"] = _timed(lambda: _get(client, f"/creators/{creator_id}/campaigns"))
    charts = 0.0
    for url in _CHARTS.findall(fragment[0]):
        charts += _timed(lambda url=url: _get(client, url))
    parts["charts"] = charts
    parts["visit"] = sum(parts.values())
    parts["visit processor"] = sum(_CPU[-(3 + len(_CHARTS.findall(fragment[0]))) :])
    return parts


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _row(name: str, values: list[float]) -> str:
    p50 = statistics.median(values) * 1000
    p95 = _p(values, 0.95) * 1000
    return f"| {name} | {p50:,.1f} | {p95:,.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="Folder of the demo workspace.")
    parser.add_argument("--pages", type=int, default=30, help="Creator pages to visit.")
    parser.add_argument("--rounds", type=int, default=5, help="Timed visits of each page.")
    args = parser.parse_args()
    _build_demo(args.data)
    settings = _settings(args.data)
    app = create_app(settings=settings)
    client = _logged_in(TestClient(app))
    anonymous = TestClient(app)
    listing = _get(client, f"/creators?per_page={args.pages}")
    ids = list(dict.fromkeys(int(x) for x in re.findall(r'href="/creators/(\d+)"', listing)))
    ids = ids[: args.pages]
    print(f"{len(ids)} creator pages, {args.rounds} timed visits each; load {os.getloadavg()}")

    # Kept charts are a cache: emptied, so that the first visits draw every chart.
    shutil.rmtree(settings.data_dir / "charts", ignore_errors=True)
    first = [_visit(client, creator_id)["visit"] for creator_id in ids]
    timed: dict[str, list[float]] = {}
    baseline: list[float] = []
    baseline_cpu: list[float] = []
    for _ in range(args.rounds):
        for creator_id in ids:
            # Baseline and visit alternate, so that both meet the same load.
            baseline.append(_timed(lambda: _get(anonymous, "/login")))
            baseline_cpu.append(_CPU[-1])
            for part, seconds in _visit(client, creator_id).items():
                timed.setdefault(part, []).append(seconds)

    print("| fetched | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    print(_row("baseline: the login page (bare HTML)", baseline))
    print(_row("creator page HTML", timed["page"]))
    print(_row("vetting section (htmx)", timed["vetting"]))
    print(_row("campaigns section (htmx)", timed["campaigns"]))
    print(_row("both charts (kept PNGs)", timed["charts"]))
    print(_row("**whole visit, warm**", timed["visit"]))
    print(_row("baseline, processor time", baseline_cpu))
    print(_row("whole visit, warm, processor time", timed["visit processor"]))
    print(_row("first visit (charts drawn)", first))
    ratio = _p(timed["visit"], 0.95) / _p(baseline, 0.95)
    print(f"whole visit p95 / baseline p95: {ratio:.1f}×")
    ratio_cpu = _p(timed["visit processor"], 0.95) / _p(baseline_cpu, 0.95)
    print(f"processor time, whole visit p95 / baseline p95: {ratio_cpu:.1f}×")


if __name__ == "__main__":
    main()
