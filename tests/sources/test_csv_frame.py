"""The polars path for large CSVs reads exactly what the csv module reads, or steps aside."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influent.sources.spreadsheet import reader
from influent.sources.spreadsheet.reader import Sheet, UnreadableFile, read_sheet

CORPUS = Path(__file__).parents[1] / "fixtures" / "corpus" / "build_corpus.py"


def _corpus(directory: Path) -> dict[str, Path]:
    spec = importlib.util.spec_from_file_location("build_corpus_frame", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(directory)  # type: ignore[no-any-return]


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Sheet, Sheet]:
    monkeypatch.setattr(reader, "FRAME_MIN_BYTES", 10**12)
    reference = read_sheet(path)
    monkeypatch.setattr(reader, "FRAME_MIN_BYTES", 0)
    fast = read_sheet(path)
    return reference, fast


def _same(reference: Sheet, fast: Sheet) -> None:
    assert fast.headers == reference.headers
    assert fast.header_row == reference.header_row
    assert (fast.encoding, fast.delimiter) == (reference.encoding, reference.delimiter)
    width = len(reference.headers)
    if fast.frame is None:
        assert fast.rows == reference.rows
    else:
        # The frame holds every column, so short rows come back padded with empty cells.
        padded = [(n, [*cells, *[""] * (width - len(cells))]) for n, cells in reference.rows]
        assert fast.rows == padded
    assert fast.row_count == len(reference.rows)


@pytest.mark.parametrize(
    ("name", "takes_frame"),
    [
        ("french_cp1252", True),
        ("utf8_bom", True),
        ("empty_lines", True),
        ("duplicates", True),
        ("scientific", True),
        ("custom_fields", True),
        ("many_problems", True),
        ("youtube_list", True),
    ],
)
def test_corpus_files_read_alike(
    name: str, takes_frame: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {p.stem: p for p in _corpus(tmp_path).values() if isinstance(p, Path)}
    reference, fast = _both(files[name], monkeypatch)
    assert (fast.frame is not None) is takes_frame
    _same(reference, fast)


def test_cells_of_picks_rows_by_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text("Export\n\nname,handle\nA,@a\n\n,\nB,@b\n", encoding="utf-8")
    reference, fast = _both(path, monkeypatch)
    assert fast.frame is not None
    _same(reference, fast)
    assert fast.cells_of([7, 4]) == {4: ["A", "@a"], 7: ["B", "@b"]}


@pytest.mark.parametrize(
    "text",
    [
        'name,handle\n"Dupont\nMarie",@a\nB,@b\n',  # a line break inside a cell
        "name,handle\nA,@a,extra\n",  # more cells than headers
        'name,handle\n"A"x,@a\n',  # text after a closing quote
    ],
)
def test_files_polars_would_read_differently_go_to_the_csv_module(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(text, encoding="utf-8")
    reference, fast = _both(path, monkeypatch)
    assert fast.frame is None
    _same(reference, fast)


_CELL = st.text(alphabet=st.sampled_from(list('ab é,;"\t@%1 ')), max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=4), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";"]),
    crlf=st.booleans(),
)
def test_any_small_table_reads_alike(rows: list[list[str]], delimiter: str, crlf: bool) -> None:
    import tempfile

    end = "\r\n" if crlf else "\n"
    text = f"name{delimiter}handle{delimiter}followers{end}" + end.join(
        delimiter.join(r) for r in rows
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(text.encode("utf-8"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(reader, "FRAME_MIN_BYTES", 10**12)
            try:
                reference = read_sheet(path)
            except UnreadableFile as refused:
                # A table the csv module refuses, the fast path refuses in the same words.
                patch.setattr(reader, "FRAME_MIN_BYTES", 0)
                with pytest.raises(UnreadableFile) as also:
                    read_sheet(path)
                assert also.value.message == refused.message
                return
            # A table the csv module reads, the fast path reads too: it must not raise.
            patch.setattr(reader, "FRAME_MIN_BYTES", 0)
            fast = read_sheet(path)
        _same(reference, fast)
