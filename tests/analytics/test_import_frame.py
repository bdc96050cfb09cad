"""The column-wise fast path must give exactly what the row-by-row parser gives."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from influent.analytics.import_frame import ParsedRows, parse_rows
from influent.domain.platforms import Platform
from influent.domain.rows import CreatorRow, RowParser, RowProblem, search_text
from influent.domain.tabular.creators import CREATORS, Field
from influent.domain.values import looks_like_fraction, normalise_key

MISSING = ["", " ", "nan", "NaN", "N/A", "n/a", "-", "—", "NULL", "nc", "?", "inconnu"]
SPACES = ["", " ", "  ", "\u00a0", "\t", "\u202f", "\x1c", "\u2003"]


def padded(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda left, v, right: left + v + right,
        st.sampled_from(SPACES),
        values,
        st.sampled_from(SPACES),
    )


def messy(*examples: str, extra: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[object]:
    choices: list[st.SearchStrategy[object]] = [
        st.sampled_from(examples),
        padded(st.sampled_from(examples)),
        st.sampled_from(MISSING),
        st.none(),
        st.text(max_size=12),
    ]
    if extra is not None:
        choices.append(extra)
    return st.one_of(*choices)


COUNTS = messy(
    "150k",
    "150 K",
    "1,2M",
    "1.2M",
    "1 200",
    "12 500",
    "12\u00a0500",
    "12,500",
    "1.5E+05",
    "0",
    "007",
    "42",
    "9999999999",
    "99999999999",
    "-5",
    "1.5",
    "beaucoup",
    "١٢٣",
    "²",
    extra=st.integers(min_value=0, max_value=10**11).map(str),
)
RATES = messy(
    "5 %",
    "5%",
    "5,3%",
    "5.3 %",
    "0.053",
    "5.3",
    "0,5",
    "100%",
    "101%",
    "150",
    "1,000%",
    "élevé",
    "%",
    "5 %%",
    extra=st.floats(min_value=0, max_value=120, allow_nan=False).map(lambda x: f"{x:.2f}%"),
)
HANDLES = messy(
    "@marie",
    "marie",
    "Marie",
    "marie.cuisine",
    "@Marie.Cuisine",
    "Marie_Cuisine",
    "jean-luc",
    "élodie",
    "@Élodie",
    "zoë.paris",
    "marie dupont",
    "marie..x",
    ".marie",
    "@",
    "marie.fr",
    "instagram.com/marie",
    "ΣΑΣ",
    "e\u0301lodie",
    "a\u200db",
    "x\u203fy",
    "İstanbul",
    "ǅemal",
    "ß",
    "ﬁlm",
    extra=st.from_regex(r"@?[A-Za-z0-9_\-]{1,8}(\.[A-Za-z0-9]{1,4})?", fullmatch=True),
)
URLS = messy(
    "instagram.com/marie",
    "https://www.instagram.com/Marie/",
    "https://www.youtube.com/@chan",
    "youtube.com/channel/UCabcDEF123",
    "https://youtu.be/abc",
    "https://www.tiktok.com/@marie",
    "marie.fr",
    "ftp://x.com",
)
EMAILS = messy(
    "marie@example.com",
    "Marie.Dupont@Example.COM",
    "mailto:marie@example.com",
    "MAILTO:marie@example.com",
    "<marie@example.com>",
    "marie@",
    "marie@example",
    "a b@example.com",
    "a\x1cb@example.com",
    "x@y.\u212aom",
    "x@y.co\u017f",
    "é@exämple.fr",
)
NAMES = messy(
    "Marie Dupont",
    "Élodie",
    "Zoë Kravitz",
    "Jean-Luc  Picard",
    "A\x1cB",
    "Ǆemal",
    "ΟΔΥΣΣΕΥΣ",
    "Ⅻ Roi",
    "x²",
    "e\u0301",
    "ﬁn",
    "marie\nline",
    "x" * 301,
    extra=st.text(alphabet="abcdeéèàçôÉ ñ-'’", max_size=15),
)
TEXTS = messy("Lifestyle", "Beauté", "Agence  Talents", "Cuisine\x1f", "x" * 2001, "a\u0301")
PLATFORMS = messy("Instagram", "insta", "YT", "TikTok", "youtube ", "Réseau?", "BLOG", "x", "ig")
COUNTRIES = messy("France", "FR", "fr", "Belgique", "Mars", "Royaume-Uni", "usa")
LANGUAGES = messy("Français", "fr-FR", "English", "EN", "klingon", "pt_BR")
TAGS = messy("vegan, beauté; DIY", "#vegan", "a  b", "vegan,vegan", "x" * 2001, "a|b|c")
CUSTOM = messy("Budget 2024", "1 200 €", "oui")

FIELDS: dict[str, tuple[str, st.SearchStrategy[object]]] = {
    "name": ("Nom", NAMES),
    "handle": ("Pseudo", HANDLES),
    "platform": ("Réseau", PLATFORMS),
    "url": ("Lien", URLS),
    "followers": ("Abonnés", COUNTS),
    "following": ("Abonnements", COUNTS),
    "posts": ("Publications", COUNTS),
    "engagement": ("Taux d'engagement", RATES),
    "email": ("E-mail", EMAILS),
    "agent": ("Agence", TEXTS),
    "country": ("Pays", COUNTRIES),
    "language": ("Langue", LANGUAGES),
    "category": ("Catégorie", TEXTS),
    "notes": ("Notes", TEXTS),
    "tags": ("Tags", TAGS),
    "custom": ("Budget", CUSTOM),
}


def workbook_value(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """What a workbook reader hands over: text, but also numbers and booleans."""
    return st.one_of(
        strategy,
        st.integers(min_value=-10, max_value=10**12),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([0.053, 12500.0, 1.5e5, 1e16, -0.0, True, False]),
    )


@dataclass
class Table:
    headers: list[str]
    numbers: list[int]
    cells: list[list[object]]
    all_text: bool
    hint: Platform | None
    fraction: bool | None


@st.composite
def tables(draw: st.DrawFn, all_text: bool | None = None) -> Table:
    names = draw(
        st.lists(st.sampled_from(sorted(FIELDS)), min_size=1, max_size=8, unique=True).map(
            lambda fields: (
                fields
                if ("handle" in fields or "url" in fields or len(fields) < 2)
                else ["handle", *fields]
            )
        )
    )
    text_only = draw(st.booleans()) if all_text is None else all_text
    headers = [FIELDS[n][0] for n in names]
    count = draw(st.integers(min_value=1, max_value=12))
    rows: list[list[object]] = []
    for _ in range(count):
        row: list[object] = []
        for n in names:
            strategy = FIELDS[n][1]
            row.append(draw(strategy if text_only else workbook_value(strategy)))
        # Short rows happen: trailing empty cells are often dropped.
        cut = draw(st.integers(min_value=0, max_value=2))
        rows.append(row[: len(row) - cut] if cut and draw(st.booleans()) else row)
    if text_only:
        rows = [[c if c is None or isinstance(c, str) else str(c) for c in r] for r in rows]
    start = draw(st.integers(min_value=2, max_value=5))
    hint = draw(st.sampled_from([None, None, Platform.INSTAGRAM, Platform.YOUTUBE, Platform.BLOG]))
    fraction = draw(st.sampled_from([None, True, False]))
    return Table(headers, list(range(start, start + count)), rows, text_only, hint, fraction)


def both(table: Table) -> tuple[ParsedRows, dict[int, CreatorRow], list[RowProblem], RowParser]:
    mapping = CREATORS.map_columns(table.headers)
    column = mapping.column_of(Field.ENGAGEMENT)
    fraction = table.fraction
    if fraction is None:
        fraction = column is not None and looks_like_fraction(
            [r[column] for r in table.cells if column < len(r)]
        )
    parser = RowParser(
        table.headers, mapping, platform_hint=table.hint, engagement_is_fraction=fraction
    )
    fast = parse_rows(table.numbers, table.cells, parser, mapping, all_text=table.all_text)
    valid: dict[int, CreatorRow] = {}
    problems: list[RowProblem] = []
    for number, cells in zip(table.numbers, table.cells, strict=True):
        parsed = parser.parse(number, cells)
        if isinstance(parsed, list):
            problems.extend(parsed)
        else:
            valid[number] = parsed
    return fast, valid, problems, parser


def assert_same(table: Table) -> None:
    fast, valid, problems, _ = both(table)
    got = {fast.creator_row(i).row: fast.creator_row(i) for i in range(len(fast))}
    assert len(got) == len(fast)
    assert sorted(got) == sorted(valid)
    for number, expected in valid.items():
        assert got[number] == expected, f"row {number}: {table.cells[number - table.numbers[0]]!r}"
    key = lambda p: (p.row, p.column, p.value, p.reason)  # noqa: E731
    assert sorted(fast.problems, key=key) == sorted(problems, key=key)
    assert len(fast.problems) == len(problems)
    for name, values in fast.columns.items():
        assert len(values) == len(fast), name


FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(tables(all_text=True))
def test_it_agrees_with_the_row_parser_on_csv_text(table: Table) -> None:
    assert_same(table)


@FAST
@given(tables(all_text=False))
def test_it_agrees_with_the_row_parser_on_workbook_values(table: Table) -> None:
    assert_same(table)


@FAST
@given(tables())
def test_it_stores_the_same_sort_and_search_keys_as_the_row_parser(table: Table) -> None:
    fast, _, _, _ = both(table)
    for i in range(len(fast)):
        row = fast.creator_row(i)
        assert fast.columns["name_key"][i] == normalise_key(row.name), row
        expected = search_text(
            row.name,
            row.account.handle,
            row.values.get(Field.EMAIL),  # type: ignore[arg-type]
            row.values.get(Field.CATEGORY),  # type: ignore[arg-type]
        )
        assert fast.columns["search_text"][i] == expected, row


def test_it_reads_a_clean_table_on_the_fast_path_without_problems() -> None:
    table = Table(
        headers=["Nom", "Pseudo", "Réseau", "Abonnés", "Taux d'engagement", "E-mail", "Pays"],
        numbers=[2, 3, 4],
        cells=[
            ["Marie", "@marie", "Instagram", "150000", "5,3%", "Marie@Example.com", "France"],
            ["Élodie", "elodie.paris", "insta", "1200", "4 %", None, "Belgique"],
            ["Jean", "jean", "YouTube", "12", "0.5", "jean@example.com", ""],
        ],
        all_text=True,
        hint=None,
        fraction=None,
    )
    assert_same(table)
    fast, _, _, _ = both(table)
    assert fast.columns["row"] == [2, 3, 4]
    assert fast.columns["followers"] == [150_000, 1_200, 12]
    assert fast.columns["email"] == ["marie@example.com", None, "jean@example.com"]
    assert fast.columns["country"] == ["FR", "BE", None]
    assert fast.problems == []


def test_it_sends_messy_rows_to_the_row_parser_and_reports_their_problems() -> None:
    table = Table(
        headers=["Pseudo", "Abonnés", "Taux d'engagement", "Tags"],
        numbers=[2, 3, 4, 5],
        cells=[
            ["@marie", "1,2M", "5 %", "nan"],
            ["@jean", "beaucoup", "5 %", "a  b"],
            ["@zoe", "12 500", "101%", "vegan, DIY"],
            ["@paul", "5", "5", 12],
        ],
        all_text=False,
        hint=Platform.INSTAGRAM,
        fraction=None,
    )
    assert_same(table)
    fast, _, problems, _ = both(table)
    assert sorted((p.row, p.column) for p in problems) == [(3, "Abonnés"), (4, "Taux d'engagement")]
    rows = {fast.creator_row(i).row: fast.creator_row(i) for i in range(len(fast))}
    assert rows[2].values[Field.FOLLOWERS] == 1_200_000
    assert rows[2].tags == ()
    assert rows[5].tags == ("12",)
