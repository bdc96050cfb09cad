"""Lists of names without handles: imported with handles to confirm, merged, then completed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from influent.domain.platforms import Platform
from influent.domain.tabular.creators import parse_overrides
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.store.models import Account, Creator

TOP_CHANNELS = (
    "rank,Youtuber,subscribers,category,Country\n"
    "1,T-Series,2.45E+08,Music,India\n"
    "2,Google Developers,2.3E+06,Education,United States\n"
    "3,Léna Situations,1.2E+08,People & Blogs,France\n"
)


def accounts(influent: Influent, workspace_id: int) -> list[tuple[str, str, str, int | None]]:
    with influent.session() as session:
        rows = session.execute(
            select(Creator.name, Account.platform, Account.handle_key, Account.followers)
            .join(Creator, Creator.id == Account.creator_id)
            .where(Account.workspace_id == workspace_id)
            .order_by(Creator.name)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def run(influent: Influent, workspace_id: int, path: Path, **options: object):  # type: ignore[no-untyped-def]
    with influent.session() as session:
        report = import_creators(
            session,
            workspace_id=workspace_id,
            path=path,
            **options,  # type: ignore[arg-type]
        )
        session.commit()
    return report


def run_names(influent: Influent, workspace_id: int, path: Path):  # type: ignore[no-untyped-def]
    """A list of YouTubers by name, as `--platform youtube --map Youtuber=name` imports it."""
    return run(
        influent,
        workspace_id,
        path,
        platform_hint=Platform.YOUTUBE,
        overrides=parse_overrides(["Youtuber=name"]),
    )


def names_list(tmp_path: Path, text: str = TOP_CHANNELS) -> Path:
    path = tmp_path / "top.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_imports_a_list_of_names_with_handles_to_confirm(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    report = run(
        influent,
        workspace_id,
        names_list(tmp_path),
        platform_hint=Platform.YOUTUBE,
        overrides=parse_overrides(["Youtuber=name"]),
    )
    assert (report.created, report.rejected, report.written) == (3, 0, True), report.problems
    assert accounts(influent, workspace_id) == [
        ("Google Developers", "youtube", "?google developers", 2_300_000),
        ("Léna Situations", "youtube", "?lena situations", 120_000_000),
        ("T-Series", "youtube", "?t series", 245_000_000),
    ]
    with influent.session() as session:
        handles = set(session.scalars(select(Account.handle)))
    assert handles == {""}


def test_it_merges_a_second_import_of_the_same_names_by_normalised_name(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    run_names(influent, workspace_id, names_list(tmp_path))
    again = names_list(
        tmp_path,
        "name,subscribers\nt-series,2.5E+08\n  LENA   situations ,1.2E+08\nGoogle Developers,2.3E+06\n",
    )
    report = run(influent, workspace_id, again, platform_hint=Platform.YOUTUBE)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    stored = accounts(influent, workspace_id)
    assert len(stored) == 3
    assert ("T-Series", "youtube", "?t series", 250_000_000) in stored


def test_it_refuses_a_name_without_a_platform(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = names_list(tmp_path, "name,platform,followers\nMarie,,1000\nPaul,youtube,2000\n")
    report = run(influent, workspace_id, path)
    assert [(p.row, p.code) for p in report.problems] == [(2, "platform_unknown")]
    assert accounts(influent, workspace_id) == []


def test_it_completes_the_account_to_confirm_from_a_later_file_with_handles(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    run_names(influent, workspace_id, names_list(tmp_path))
    later = tmp_path / "handles.csv"
    later.write_text(
        "name,platform,url\n"
        "Léna Situations,youtube,https://www.youtube.com/@LenaSituations\n"
        "T-Series,youtube,https://www.youtube.com/@tseries\n",
        encoding="utf-8",
    )
    report = run(influent, workspace_id, later)
    assert (report.created, report.updated) == (0, 2), report.problems
    assert accounts(influent, workspace_id) == [
        ("Google Developers", "youtube", "?google developers", 2_300_000),
        ("Léna Situations", "youtube", "lenasituations", 120_000_000),
        ("T-Series", "youtube", "tseries", 245_000_000),
    ]
    # The names list once more: it merges with the completed accounts, no duplicates.
    report = run_names(influent, workspace_id, names_list(tmp_path))
    assert report.created == 0
    assert len(accounts(influent, workspace_id)) == 3


def test_it_reports_the_same_name_twice_in_one_list_as_a_duplicate(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = names_list(tmp_path, "Youtuber,subscribers\nT-Series,1\nt series,2\n")
    report = run_names(influent, workspace_id, path)
    assert [(p.row, p.column, p.code) for p in report.problems] == [(3, "Youtuber", "duplicate")]
    assert accounts(influent, workspace_id) == []


def test_it_reads_a_list_of_names_with_no_rows_as_nothing_to_import(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    report = run_names(influent, workspace_id, names_list(tmp_path, "Youtuber,subscribers\n"))
    assert (report.created, report.rejected, report.problems) == (0, 0, [])
