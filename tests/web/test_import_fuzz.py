"""1,000 malformed spreadsheets into the import (dry run and real) and the follower audit.

Each file is a small real CSV, XLSX or ODS, mutated by a seeded generator: bytes flipped,
cut, repeated or inserted, or, for the workbooks, the XML inside broken and the archive
rebuilt so that the parsers (not only the ZIP reader) see it. No answer may be a 5xx or
carry a traceback, and a file the import refuses writes nothing.
"""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import xlsxwriter
from sqlalchemy import text

import hostile_files as hostile
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from web.conftest import Browser

FILES = 1_000
SEED = 20_261_130

CSV = (
    "Nom;Pseudo;Réseau;Abonnés;Taux d'engagement;E-mail\n"
    "Élodie Marchand;@elodie.cuisine;Instagram;150k;5,3%;elodie@exemple.fr\n"
    "Chloé;chloe_b;TikTok;1,2M;4 %;\n"
    "Hugo;https://www.youtube.com/@hugovelo;;8 200;;hugo@exemple.fr\n"
).encode()


def _xlsx() -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for row, line in enumerate(CSV.decode().splitlines()):
        sheet.write_row(row, 0, line.split(";"))
    book.close()
    return out.getvalue()


def _ods() -> bytes:
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    rows = "".join(
        "<table:table-row>"
        + "".join(cell.format(c) for c in line.split(";"))
        + "</table:table-row>"
        for line in CSV.decode().splitlines()
    )
    content = hostile._ODS_CONTENT_HEAD + rows.encode() + hostile._ODS_CONTENT_TAIL
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        mime = b"application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr("mimetype", mime, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", hostile._MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_FRAGMENTS = [
    b"<",
    b">",
    b"</row>",
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<row r="99999999999">',
    b'r="A0"',
    b'table:number-columns-repeated="99999999"',
    b'table:number-rows-repeated="-1"',
    b"&#0;",
    b"&amp;&lt;",
    b"\x00",
    b"\xff\xfe",
    b'"',
    b";;;;;;;;",
    b"\r",
    b"=cmd|' /C calc'!A0",
    b"'@x",
    "é".encode("cp1252"),
    b'<dimension ref="A1:XFD1048576"/>',
    b"<![CDATA[",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
]


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not buffer:
            buffer.extend(rng.choice(_FRAGMENTS))
            continue
        at = rng.randrange(len(buffer))
        action = rng.randrange(6)
        if action == 0:
            buffer[at] = rng.randrange(256)
        elif action == 1:
            del buffer[at : at + rng.randint(1, 64)]
        elif action == 2:
            buffer[at:at] = rng.choice(_FRAGMENTS) * rng.randint(1, 3)
        elif action == 3:
            piece = buffer[at : at + rng.randint(1, 200)]
            buffer[at:at] = piece * rng.randint(1, 20)
        elif action == 4:
            del buffer[at:]
        else:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buffer)


def _mutate_archive(data: bytes, rng: random.Random) -> bytes:
    """Break the XML inside, then rebuild a valid archive around it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        names = source.namelist()
        victim = rng.choice([n for n in names if n.endswith(".xml")])
        for name in names:
            content = source.read(name)
            if name == victim:
                content = _mutate_bytes(content, rng)
            archive.writestr(name, content)
    return out.getvalue()


def malformed_files() -> Iterator[tuple[str, bytes]]:
    rng = random.Random(SEED)
    seeds = [("list.csv", CSV), ("list.xlsx", _xlsx()), ("list.ods", _ods())]
    for n in range(FILES):
        name, data = seeds[n % 3]
        if name.endswith(".csv") or rng.random() < 0.3:
            yield name, _mutate_bytes(data, rng)
        else:
            yield name, _mutate_archive(data, rng)


@pytest.fixture
def fuzz_app(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[Browser, Influent, int]]:
    # One backend only: the point is the readers, and the time budget is the suite's.
    database = tmp_path / "influent.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(
        database_url=f"sqlite:///{database}", secret_key="f" * 40, data_dir=tmp_path / "data"
    )
    influent = Influent(settings)
    with influent.session() as session:
        workspace_id = ensure_workspace(session, name="Fuzz").id
        user = users.create_user(
            session, email="fuzz@example.com", password="x" * 12, workspace_id=workspace_id
        )
        token = users.create_token(session, user_id=user.id, name="fuzz")
    client = Browser(create_app(influent=influent))
    client.headers["Authorization"] = f"Bearer {token}"
    yield client, influent, workspace_id
    influent.close()


def _creators(influent: Influent) -> int:
    with influent.session() as session:
        return int(session.execute(text("SELECT count(*) FROM creators")).scalar_one())


def test_malformed_spreadsheets_get_a_clear_answer_and_write_nothing(
    fuzz_app: tuple[Browser, Influent, int],
) -> None:
    client, influent, _ = fuzz_app
    statuses: dict[int, int] = {}
    before = _creators(influent)
    for name, data in malformed_files():
        for dry_run in ("true", "false"):
            response = client.post(
                "/api/v1/imports",
                files={"file": (name, data)},
                data={"dry_run": dry_run, "platform": "instagram"},
            )
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, (name, data[:200])
            assert "Traceback" not in response.text
        audit = client.post("/api/v1/audience/audit", files={"file": (name, data)})
        assert audit.status_code < 500 and "Traceback" not in audit.text, (name, data[:200])
        after = _creators(influent)
        if response.status_code != 200:  # the real import was refused: nothing written
            assert after == before, (name, response.text)
        before = after
    # The generator does reach past the ZIP reader: some files read, most are refused.
    assert statuses.get(400, 0) > 100 and statuses.get(200, 0) > 100, statuses
