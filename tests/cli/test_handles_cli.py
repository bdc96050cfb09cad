"""Handles to confirm from the terminal: `enrich` lists the candidates, `--confirm` attaches one."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import typer
from typer.testing import CliRunner

from influent.cli import common
from influent.cli import creators as creator_commands
from influent.cli import sources as commands
from influent.domain.platforms import Platform
from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.services.enrichment import source_settings
from influent.services.imports.creator_import import import_creators
from influent.sources.http import HttpClient

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources" / "youtube"
GOOGLE_DEVS = "UC_x5XG1OV2P6uZZ5FSM9Ttw"
runner = CliRunner()


def youtube_api(request: httpx.Request) -> httpx.Response:
    """Recorded answers: the search finds Google Developers' channel, channels.list its numbers."""
    resource = request.url.path.rsplit("/", 1)[-1]
    name = {
        "search": "search_search_videos_by_channel.json",
        "channels": "channels_info_multiple.json",
    }[resource]
    return httpx.Response(
        200, content=(FIXTURES / name).read_bytes(), headers={"Content-Type": "application/json"}
    )


@pytest.fixture
def cli(influent: Influent, workspace_id: int, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(
        source_settings,
        "http_client",
        lambda settings=None: HttpClient(
            transport=httpx.MockTransport(youtube_api), sleep=lambda _: None
        ),
    )
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = influent
        common.open_app(ctx)

    commands.register(app)
    app.add_typer(creator_commands.cli, name="creators")
    return app


def names(influent: Influent, workspace_id: int, tmp_path: Path) -> int:
    path = tmp_path / "names.csv"
    path.write_text("name,subscribers\nGoogle Devs,1000000\n", encoding="utf-8")
    with influent.session() as session:
        report = import_creators(
            session, workspace_id=workspace_id, path=path, platform_hint=Platform.YOUTUBE
        )
        assert report.written
        source_settings.set_source(
            session, workspace_id=workspace_id, source="youtube", values={"api_key": "k"}
        )
    with influent.session() as session:
        return list_creators(session, workspace_id=workspace_id, query=CreatorQuery()).items[0].id


def test_it_lists_candidates_then_attaches_the_confirmed_channel(
    cli: typer.Typer, influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    creator_id = names(influent, workspace_id, tmp_path)
    listed = runner.invoke(cli, ["creators", "list"], env={"COLUMNS": "200"})
    assert "handle to confirm" in listed.stdout
    found = runner.invoke(cli, ["enrich", "--all"], env={"COLUMNS": "200"})
    assert found.exit_code == 0, found.output
    out = " ".join(found.stdout.split())
    assert "No channel found is named “Google Devs”" in out
    assert f"id {GOOGLE_DEVS}" in out and "--confirm CHANNEL_ID" in out
    done = runner.invoke(
        cli, ["enrich", f"#{creator_id}", "--confirm", GOOGLE_DEVS, "--locale", "fr"]
    )
    assert done.exit_code == 0, done.output
    assert "« Google Developers » rattachée à Google Devs" in " ".join(done.stdout.split())
    again = runner.invoke(cli, ["enrich", f"#{creator_id}", "--confirm", GOOGLE_DEVS, "--json"])
    assert again.exit_code == 2 and "no handle to confirm" in again.stderr
    shown = runner.invoke(cli, ["creators", "show", f"#{creator_id}", "--json"])
    [account] = json.loads(shown.stdout)["accounts"]
    assert (account["external_id"], account["followers"]) == (GOOGLE_DEVS, 2_260_000)
