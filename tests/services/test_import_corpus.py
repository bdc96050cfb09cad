"""Importing the messy spreadsheets marketers really have, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from influent.domain.platforms import Platform
from influent.domain.rows import RowProblem
from influent.services.core import Influent
from influent.services.imports.creator_import import ImportReport, UnreadableFile, import_creators
from influent.store.models import Account, Creator
from influent_testing import raises_saying, said

CORPUS = Path(__file__).parents[1] / "fixtures" / "corpus" / "build_corpus.py"


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus_builder = _load_builder()
BIG_ROWS: int = corpus_builder.BIG_ROWS
big_followers = corpus_builder.big_followers
build = corpus_builder.build
build_big = corpus_builder.build_big


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_big(tmp_path_factory.mktemp("big"))


def run(influent: Influent, workspace_id: int, path: Path, **options: object) -> ImportReport:
    with influent.session() as session:
        return import_creators(session, workspace_id=workspace_id, path=path, **options)  # type: ignore[arg-type]


def count(influent: Influent, workspace_id: int) -> tuple[int, int]:
    with influent.session() as session:
        creators = session.scalar(
            select(func.count()).select_from(Creator).where(Creator.workspace_id == workspace_id)
        )
        accounts = session.scalar(
            select(func.count()).select_from(Account).where(Account.workspace_id == workspace_id)
        )
        return creators or 0, accounts or 0


def creators_by_handle(session: Session, workspace_id: int) -> dict[str, Creator]:
    found = session.scalars(
        select(Creator)
        .where(Creator.workspace_id == workspace_id)
        .options(selectinload(Creator.accounts), selectinload(Creator.tags))
    )
    return {c.accounts[0].handle: c for c in found}


def problems(report: ImportReport) -> list[tuple[int, str, str, str]]:
    return [(p.row, p.column, p.value, p.reason) for p in report.problems]


def test_it_imports_french_headers_in_cp1252_with_semicolons(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["french_cp1252"])
    assert (report.kind, report.encoding, report.delimiter) == ("csv", "cp1252", ";")
    assert report.mapping == {
        "Nom": "name",
        "Pseudo": "handle",
        "Réseau": "platform",
        "Abonnés": "followers",
        "Taux d'engagement": "engagement",
        "E-mail": "email",
        "Agence": "agent",
        "Pays": "country",
        "Langue": "language",
        "Catégorie": "category",
        "Notes": "notes",
    }
    assert (report.rows, report.created, report.updated, report.rejected) == (5, 5, 0, 0)
    assert report.written and report.problems == []
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        elodie = creators["elodie.cuisine"]
        assert (elodie.name, elodie.email, elodie.agent) == (
            "Élodie Marchand",
            "elodie@exemple.fr",
            "Agence Étoile",
        )
        assert (elodie.country, elodie.language, elodie.category, elodie.notes) == (
            "FR",
            "fr",
            "Cuisine",
            "Très réactive",
        )
        assert elodie.accounts[0].platform == "instagram"
        assert elodie.accounts[0].followers == 150_000
        assert elodie.accounts[0].engagement_rate == pytest.approx(0.053)
        assert elodie.accounts[0].stats_source == "import"
        chloe = creators["chloe_b"]
        assert (chloe.platform, chloe.followers, chloe.country) == ("tiktok", 1_200_000, "BE")
        assert chloe.engagement_rate == pytest.approx(0.04)
        assert chloe.email is None and chloe.notes is None
        benoit = creators["benoit"]
        assert (benoit.platform, benoit.followers, benoit.email) == (
            "youtube",
            12_500,
            "benoit@exemple.fr",
        )
        assert benoit.engagement_rate == pytest.approx(0.0275)
        assert benoit.notes == "Préfère l'e-mail"
        zoe = creators["zoe.paris"]
        assert (zoe.followers, zoe.engagement_rate, zoe.email, zoe.notes) == (
            1_200,
            None,
            None,
            None,
        )
        assert creators["maelle"].category == "Cœur de cible"
        assert creators["maelle"].notes == "Cœur sur elle"


def test_it_imports_latin1_with_tabs(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["latin1_tabs"])
    assert report.delimiter == "\t"
    assert (report.created, report.rejected) == (2, 0)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        assert creators["jose.alvarez"].name == "José Álvarez"
        assert (creators["jose.alvarez"].country, creators["jose.alvarez"].language) == ("ES", "es")
        assert creators["jose.alvarez"].followers == 45_000
        assert creators["renee"].name == "Renée Faÿ"
        assert creators["renee"].engagement_rate == pytest.approx(0.06)


def test_it_imports_utf8_with_a_bom_and_reads_platforms_from_urls(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["utf8_bom"])
    assert (report.encoding, report.delimiter) == ("utf-8-sig", ",")
    assert next(iter(report.mapping)) == "Name"
    assert (report.created, report.rejected) == (3, 0)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        ana = creators["ana.lima"].accounts[0]
        assert (ana.platform, ana.url, ana.followers) == (
            "instagram",
            "https://www.instagram.com/ana.lima",
            12_500,
        )
        kenji = creators["kenjisato"].accounts[0]
        assert (kenji.platform, kenji.url, kenji.followers) == (
            "youtube",
            "https://www.youtube.com/@kenjisato",
            1_200_000,
        )
        ola = creators["UC1234567890abcdefABCDEF"].accounts[0]
        assert (ola.platform, ola.handle_key, ola.external_id) == (
            "youtube",
            "channel/UC1234567890abcdefABCDEF",
            "UC1234567890abcdefABCDEF",
        )


def test_it_skips_empty_lines_and_finds_the_header_below_them(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["empty_lines"])
    assert (report.header_row, report.rows, report.created) == (2, 3, 3)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        assert {h: c.followers for h, c in creators.items()} == {
            "alpha": 1_000,
            "beta": 2_000,
            "gamma": 3_000,
        }


def test_it_reports_duplicate_accounts_in_one_file_by_row_and_keeps_the_first(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["duplicates"])
    assert problems(report) == [
        (3, "Handle", "MARIE", "same account as row 2"),
        (5, "Handle", "Marie", "same account as row 2"),
    ]
    assert not report.written
    assert count(influent, workspace_id) == (0, 0)
    report = run(influent, workspace_id, corpus["duplicates"], skip_invalid=True)
    assert (report.created, report.rejected, report.written) == (3, 2, True)
    with influent.session() as session:
        rows = session.execute(
            select(Account.platform, Account.handle, Account.followers, Creator.name)
            .join(Creator)
            .where(Account.workspace_id == workspace_id)
            .order_by(Account.id)
        ).all()
    # Row 2 reads through the row parser ('1k') yet still wins over the later rows.
    assert [tuple(r) for r in rows] == [
        ("instagram", "marie", 1_000, "Marie"),
        ("youtube", "marie", 500, "Marie YouTube"),
        ("instagram", "paul", 300, "Paul"),
    ]


def test_it_reads_an_xlsx_with_a_title_merged_rows_blank_lines_and_formulas(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["titled"])
    assert (report.kind, report.header_row, report.rows, report.created) == ("xlsx", 4, 3, 3)
    assert report.mapping["Vues"] == "custom field"
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        ines = creators["ines.moreau"]
        assert (ines.name, ines.platform, ines.followers) == ("Inès Moreau", "instagram", 15_000)
        assert ines.custom_fields == {"Vues": "2000", "Total": "17000"}
        assert creators["hugo_petit"].followers == 230_000
        assert creators["hugo_petit"].platform == "tiktok"
        assert creators["lea.roux"].custom_fields == {"Vues": "300", "Total": "4500"}


def test_it_reads_percent_cells_stored_as_fractions(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["fractions"])
    assert report.created == 3
    with influent.session() as session:
        rates = {h: c.engagement_rate for h, c in creators_by_handle(session, workspace_id).items()}
    assert rates == {
        "frac.one": pytest.approx(0.053),
        "frac.two": pytest.approx(0.12),
        "frac.three": pytest.approx(1.0),
    }


def test_it_reads_an_ods_file(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["ods"])
    assert (report.kind, report.created, report.rejected) == ("ods", 2, 0)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        camille = creators["camille.d"]
        assert (camille.name, camille.followers) == ("Camille Dubois", 52_000)
        assert camille.engagement_rate == pytest.approx(0.042)
        assert sorted(t.name for t in camille.tags) == ["beauté", "vegan"]
        assert (creators["nathan.g"].platform, creators["nathan.g"].followers) == (
            "youtube",
            1_500_000,
        )


def test_it_reads_scientific_notation_as_numbers(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["scientific"])
    assert (report.created, report.rejected) == (3, 0)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        assert creators["sci.one"].followers == 150_000
        assert creators["sci.one"].accounts[0].posts_count == 120
        assert creators["sci.two"].followers == 2_350_000
        assert creators["sci.two"].accounts[0].posts_count == 30
        assert creators["sci.three"].followers == 150_000


def test_it_needs_a_platform_for_a_list_without_platform_column_or_urls(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["youtube_list"])
    reason = "the platform is unknown: add a platform column, a profile URL or pass --platform"
    assert problems(report) == [(n, "platform", "", reason) for n in (2, 3, 4)]
    assert count(influent, workspace_id) == (0, 0)
    report = run(influent, workspace_id, corpus["youtube_list"], platform_hint=Platform.YOUTUBE)
    assert (report.created, report.rejected) == (3, 0)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        assert {h: (c.platform, c.followers) for h, c in creators.items()} == {
            "cuisinefacile": ("youtube", 250_000),
            "bricoloco": ("youtube", 80_000),
            "ScienceEtonnante": ("youtube", 1_200_000),
        }


def test_it_keeps_unknown_columns_as_custom_fields(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["custom_fields"])
    assert report.mapping == {
        "Handle": "handle",
        "Platform": "platform",
        "Followers": "followers",
        "Budget": "custom field",
        "Dernière campagne": "custom field",
        "Code promo": "custom field",
    }
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        assert creators["cust.one"].custom_fields == {
            "Budget": "1 200 €",
            "Dernière campagne": "Noël 2023",
            "Code promo": "CUST10",
        }
        assert creators["cust.two"].custom_fields == {"Dernière campagne": "Été 2024"}


def test_it_writes_nothing_when_one_row_is_bad(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    before = count(influent, workspace_id)
    report = run(influent, workspace_id, corpus["one_bad_row"])
    assert problems(report) == [
        (
            4,
            "Followers",
            "beaucoup",
            "“beaucoup” is not a number (try 12500, 12 500, 12.5k or 1,2M)",
        )
    ]
    assert (report.written, report.rejected, report.ok) == (False, 1, False)
    assert count(influent, workspace_id) == before == (0, 0)


def test_it_imports_the_good_rows_and_writes_rejects_with_skip_invalid(
    influent: Influent, workspace_id: int, corpus: dict[str, Path], tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.csv"
    report = run(
        influent, workspace_id, corpus["one_bad_row"], skip_invalid=True, rejects_path=rejects
    )
    assert (report.created, report.rejected, report.written) == (4, 1, True)
    assert report.rejects_file == "rejects.csv"
    assert count(influent, workspace_id) == (4, 4)
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["row", "Name", "Handle", "Platform", "Followers", "Engagement", "reason"],
        [
            "4",
            "Bad Three",
            "'@bad.three",  # shown as text by a spreadsheet; the import reads @bad.three
            "instagram",
            "beaucoup",
            "3%",
            "Followers: “beaucoup” is not a number (try 12500, 12 500, 12.5k or 1,2M)",
        ],
    ]


def test_it_reports_every_kind_of_problem_with_row_column_value_and_reason(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["many_problems"])
    assert problems(report) == [
        (3, "Followers", "-5", "cannot be negative"),
        (4, "Engagement", "150%", "150% is above 100 %"),
        (5, "Email", "not-an-email", "“not-an-email” is not an email address"),
        (6, "Handle", "", "a creator needs a handle, a profile URL or a name"),
        (
            7,
            "URL",
            "https://www.youtube.com/watch?v=abc",
            "“https://www.youtube.com/watch?v=abc” is a video, not a channel",
        ),
        (
            8,
            "URL",
            "https://www.tiktok.com/@clash",
            "is a tiktok link but the platform column says instagram",
        ),
        (
            9,
            "Platform",
            "myspace",
            "“myspace” is not a platform we know "
            "(instagram, youtube, tiktok, blog, podcast, twitch, x, linkedin, other)",
        ),
    ]
    assert all(isinstance(p, RowProblem) for p in report.problems)
    assert (report.rows, report.rejected, report.created, report.written) == (8, 7, 0, False)
    assert count(influent, workspace_id) == (0, 0)


def test_it_changes_nothing_on_a_dry_run(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["many_problems"], dry_run=True)
    assert (report.dry_run, report.written, report.created, report.rejected) == (True, False, 1, 7)
    assert len(report.problems) == 7
    report = run(influent, workspace_id, corpus["french_cp1252"], dry_run=True)
    assert (report.created, report.written) == (5, False)
    assert count(influent, workspace_id) == (0, 0)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("poem", "poem.txt has no handle or profile URL column"),
        ("garbage", "garbage.csv is not a text or spreadsheet file (it looks binary)."),
        ("fake_xlsx", "broken.xlsx looks like a spreadsheet but cannot be opened"),
        ("empty", "empty.csv is empty."),
        ("blank", "blank.csv is empty."),
    ],
)
def test_it_refuses_unreadable_files_with_one_sentence(
    influent: Influent, workspace_id: int, corpus: dict[str, Path], name: str, message: str
) -> None:
    with pytest.raises(UnreadableFile) as caught:
        run(influent, workspace_id, corpus[name])
    assert said(caught.value).startswith(message)
    assert "\n" not in said(caught.value)
    assert "\n" not in said(caught.value, "fr")
    assert count(influent, workspace_id) == (0, 0)


def test_it_refuses_a_missing_file_and_a_folder(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    with raises_saying(UnreadableFile, r"nope\.csv: no such file\."):
        run(influent, workspace_id, tmp_path / "nope.csv")
    with raises_saying(UnreadableFile, "is a folder"):
        run(influent, workspace_id, tmp_path)


def test_it_imports_nothing_from_a_file_with_only_headers(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    report = run(influent, workspace_id, corpus["headers_only"])
    assert (report.rows, report.created, report.rejected, report.problems) == (0, 0, 0, [])
    assert count(influent, workspace_id) == (0, 0)


def test_it_merges_a_reimport_and_reports_updated_and_unchanged(
    influent: Influent, workspace_id: int, corpus: dict[str, Path]
) -> None:
    first = run(influent, workspace_id, corpus["base"])
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    again = run(influent, workspace_id, corpus["base"])
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 0)
    assert count(influent, workspace_id) == (3, 3)
    update = run(influent, workspace_id, corpus["base_updated"])
    # Anna is written differently but says the same; Bruno grew; Clara got a link and a tag.
    assert (update.created, update.updated, update.unchanged, update.rejected) == (1, 2, 1, 0)
    assert count(influent, workspace_id) == (4, 4)
    with influent.session() as session:
        creators = creators_by_handle(session, workspace_id)
        assert creators["bruno"].followers == 25_000
        assert creators["bruno"].accounts[0].followers == 25_000
        clara = creators["clara"]
        assert clara.accounts[0].url == "https://www.tiktok.com/@clara"
        assert sorted(t.name for t in clara.tags) == ["DIY", "mode"]
        assert creators["anna"].email == "anna@example.com"
        assert creators["dora"].followers == 1_000
    last = run(influent, workspace_id, corpus["base_updated"])
    assert (last.created, last.updated, last.unchanged) == (0, 0, 4)
    assert count(influent, workspace_id) == (4, 4)


@pytest.mark.slow
def test_it_imports_a_10_mb_csv(influent: Influent, workspace_id: int, big_file: Path) -> None:
    assert big_file.stat().st_size > 9_000_000
    # Its speed is measured side by side in benchmarks/bench_import.py, not timed here.
    report = run(influent, workspace_id, big_file)
    assert (report.rows, report.created, report.rejected) == (BIG_ROWS, BIG_ROWS, 0)
    assert count(influent, workspace_id) == (BIG_ROWS, BIG_ROWS)
    with influent.session() as session:
        for i in (0, 37, 12_345, BIG_ROWS - 1):
            creator = session.scalars(
                select(Creator)
                .join(Account)
                .where(Account.workspace_id == workspace_id, Account.handle_key == f"creator_{i}")
            ).one()
            assert creator.followers == big_followers(i)
            assert creator.email == f"creator{i}@example.com"
            assert creator.country == "FR" and creator.language == "fr"
            assert creator.engagement_rate == pytest.approx((i * 13) % 1000 / 10_000)
            assert creator.name == (f"Créatrice n°{i}" if i % 5 == 0 else f"Creator {i}")
    report = run(influent, workspace_id, big_file)
    assert (report.created, report.updated, report.unchanged) == (0, 0, BIG_ROWS)


def test_a_big_import_that_fails_leaves_the_schema_and_data_as_they_were(
    influent: Influent, workspace_id: int, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk-load path drops and rebuilds indexes; a failure must roll all of it back."""
    from influent.store import bulk_staging, creator_writes

    def schema() -> list[tuple[str, str]]:
        with influent.session() as session:
            if session.get_bind().dialect.name != "sqlite":
                return []
            rows = session.execute(
                text(
                    "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                    "AND tbl_name IN ('creators', 'accounts') ORDER BY name"
                )
            )
            return [(t, n) for t, n in rows]

    before = schema()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk unplugged")

    real_copy = bulk_staging.copy

    copied: list[str] = []

    def copy_creators_then_break(session: Session, table: str, computed: dict[str, str]) -> None:
        copied.append(table)
        if table == "accounts":
            broken()
        real_copy(session, table, computed)

    # Fail once the creators are in, on the staged path and on the row-by-row one.
    monkeypatch.setattr(creator_writes, "insert_accounts", broken)
    monkeypatch.setattr(bulk_staging, "copy", copy_creators_then_break)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        run(influent, workspace_id, big_file)
    # SQLite takes the staged path (bulk_staging); PostgreSQL inserts row by row.
    assert copied == (["creators", "accounts"] if before else [])
    assert schema() == before
    assert count(influent, workspace_id) == (0, 0)
    monkeypatch.undo()
    report = run(influent, workspace_id, big_file)
    assert report.created == BIG_ROWS
    with influent.session() as session:
        found = session.scalars(
            select(Creator.id).where(
                Creator.workspace_id == workspace_id,
                Creator.id.in_(
                    select(text("rowid"))
                    .select_from(text("creators_fts"))
                    .where(text("creators_fts MATCH '\"creator 37 example\"'"))
                )
                if session.get_bind().dialect.name == "sqlite"
                else Creator.search_text.contains("creator 37 example"),
            )
        ).all()
        assert len(found) == 1


@pytest.mark.slow
def test_a_big_import_without_staging_writes_the_same_rows(
    influent: Influent, workspace_id: int, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When rows cannot be staged (no ADBC driver, or a transaction already open), the bulk
    load inserts them from Python instead, with the same result."""
    from influent.store import bulk_staging

    monkeypatch.setattr(bulk_staging, "available", lambda session: False)
    monkeypatch.setattr(
        bulk_staging, "copy", lambda *a, **k: pytest.fail("nothing was staged to copy")
    )
    report = run(influent, workspace_id, big_file)
    assert (report.created, report.rejected) == (BIG_ROWS, 0)
    assert count(influent, workspace_id) == (BIG_ROWS, BIG_ROWS)
    with influent.session() as session:
        creator = session.scalars(
            select(Creator)
            .join(Account)
            .where(Account.workspace_id == workspace_id, Account.handle_key == "creator_12345")
        ).one()
        assert creator.followers == big_followers(12_345)
        assert creator.accounts[0].creator_id == creator.id
