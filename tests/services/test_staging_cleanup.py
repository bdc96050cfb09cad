"""Scratch files of a big import live in a private folder and do not outlive the import."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from influent.services.core import Influent
from influent.settings import Settings

# The child imports 25,000 new creators (enough for the staged fast path on SQLite) and
# stops for good once the rows are staged, the way a process killed mid-import would.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from influent.services.core import Influent
    from influent.services.imports.creator_import import import_creators
    from influent.services.accounts.workspaces import ensure_workspace
    from influent.settings import Settings
    from influent.store import bulk_staging

    def hang(*args, **kwargs):
        print("staged", flush=True)
        time.sleep(600)

    bulk_staging.copy = hang
    app = Influent(Settings(database_url=sys.argv[1], data_dir=Path(sys.argv[2]), secret_key="s" * 40))
    with app.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
    with app.session() as session:
        import_creators(session, workspace_id=workspace.id, path=Path(sys.argv[3]))
    """
)


def test_an_import_killed_mid_way_leaves_no_staging_file_once_the_app_starts_again(
    sqlite_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "influent.db"
    shutil.copy(sqlite_template, database)
    url = f"sqlite:///{database}"
    data_dir = tmp_path / "data"
    spreadsheet = tmp_path / "creators.csv"
    lines = ["name,profile url"] + [
        f"Creator {n},https://www.instagram.com/creator{n}/" for n in range(25_000)
    ]
    spreadsheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(data_dir), str(spreadsheet)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()
    if line.strip() != "staged":
        child.kill()
        raise AssertionError(child.stderr.read())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    child.stderr.close()
    staging = data_dir / "staging"
    left = list(staging.glob("*/*.db"))
    assert left, "the killed import had staged its rows"
    assert staging.stat().st_mode & 0o777 == 0o700
    assert left[0].parent.stat().st_mode & 0o777 == 0o700
    # The app starts again (the web server or any command builds this object first).
    Influent(Settings(database_url=url, data_dir=data_dir, secret_key="s" * 40)).close()
    assert list(staging.iterdir()) == []


def test_it_leaves_a_running_process_s_staging_folder_alone(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    mine = data_dir / "staging" / str(os.getpid())
    mine.mkdir(parents=True)
    (mine / "influent-staging-x.db").write_bytes(b"")
    gone = data_dir / "staging" / "999999999"
    gone.mkdir()
    Influent(Settings(database_url="sqlite://", data_dir=data_dir, secret_key="s" * 40)).close()
    assert mine.is_dir() and not gone.exists()


def test_it_removes_the_staging_files_after_an_import_whether_it_succeeds_or_fails(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from influent.services.accounts.workspaces import ensure_workspace
    from influent.services.imports.creator_import import import_creators
    from influent.store import bulk_staging

    database = tmp_path / "influent.db"
    shutil.copy(sqlite_template, database)
    data_dir = tmp_path / "data"
    app = Influent(Settings(database_url=f"sqlite:///{database}", data_dir=data_dir))
    spreadsheet = tmp_path / "creators.csv"
    lines = ["name,profile url"] + [
        f"Creator {n},https://www.instagram.com/creator{n}/" for n in range(25_000)
    ]
    spreadsheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with app.session() as session:
        workspace_id = ensure_workspace(session, name="Maison Verte").id
    real_copy = bulk_staging.copy

    def failing_copy(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk_staging, "copy", failing_copy)
    with pytest.raises(RuntimeError), app.session() as session:
        import_creators(session, workspace_id=workspace_id, path=spreadsheet)
    assert (data_dir / "staging").is_dir()
    assert list((data_dir / "staging").glob("*/*.db")) == []
    monkeypatch.setattr(bulk_staging, "copy", real_copy)
    with app.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=spreadsheet)
    assert report.created == 25_000
    assert list((data_dir / "staging").glob("*/*.db")) == []
    app.close()
