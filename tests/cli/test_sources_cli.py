"""`influent discover`, `enrich`, `track`, `worker` and `influent sources …` from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import typer
from typer.testing import CliRunner

from influent.cli import common
from influent.cli import sources as commands
from influent.services.enrichment import source_settings
from influent.sources.http import HttpClient

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources"


def directory(request: httpx.Request) -> httpx.Response:
    if request.url.host == "itunes.apple.com":
        body = (FIXTURES / "itunes" / "itunes_search_podcast_freakonomics.json").read_bytes()
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
    return httpx.Response(404)


@pytest.fixture
def cli(influent, workspace_id, monkeypatch) -> typer.Typer:
    monkeypatch.setattr(
        source_settings,
        "http_client",
        lambda settings=None: HttpClient(
            transport=httpx.MockTransport(directory), sleep=lambda _: None
        ),
    )
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = influent  # the test's app, as `influent` would pass its own
        common.open_app(ctx)

    app.add_typer(commands.cli, name="sources")
    commands.register(app)
    return app


runner = CliRunner()


def test_it_discovers_podcasts_as_a_ranked_table(cli):
    result = runner.invoke(cli, ["discover", "freakonomics", "--source", "podcasts"])
    assert result.exit_code == 0, result.output
    assert "Kroger" in result.stdout and "Podcast" in result.stdout
    assert "Related keywords" in result.stdout


def test_it_prints_discoveries_as_json_and_notes_missing_keys(cli):
    result = runner.invoke(
        cli, ["discover", "freakonomics", "-s", "youtube,podcasts", "--limit", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["candidates"]) == 5
    assert any(n.startswith("YouTube skipped") for n in data["notes"])


def test_it_refuses_an_unknown_source(cli):
    result = runner.invoke(cli, ["discover", "x", "--source", "myspace"])
    assert result.exit_code == 2 and "Unknown source" in result.stderr


def test_it_stores_keys_and_lists_them_masked(cli):
    result = runner.invoke(cli, ["sources", "set", "youtube", "api_key=AIzaSyD-secret-f3Xk"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["sources", "list", "--json"])
    youtube = next(s for s in json.loads(listed.stdout) if s["source"] == "youtube")
    assert youtube == {"source": "youtube", "configured": True, "api_key": "AIza…f3Xk"}
    assert "secret" not in listed.stdout
    wrong = runner.invoke(cli, ["sources", "set", "youtube", "token=x"])
    assert wrong.exit_code == 2 and "no setting" in wrong.stderr


def test_it_reads_one_feed_file_as_json(cli):
    path = FIXTURES / "feeds" / "rssparser_itunes-missing-image.rss"
    result = runner.invoke(cli, ["sources", "feed", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["platform"] == "podcast" and len(data["posts"]) == 131
    assert data["contacts"]["emails"] == ["taverncast@taverncast.com"]


def test_it_enriches_and_tracks_with_reports(cli, tmp_path):
    sheet = tmp_path / "snapshots.csv"
    sheet.write_text("platform,handle,date,followers\ntiktok,@nobody,2024-05-01,1k\n", "utf-8")
    bad = runner.invoke(cli, ["sources", "import-snapshots", str(sheet)])
    assert bad.exit_code == 1 and "nothing was imported" in bad.stderr
    enriched = runner.invoke(cli, ["enrich", "--all", "--json"])
    assert enriched.exit_code == 0, enriched.output
    assert json.loads(enriched.stdout)["accounts"] == 0
    tracked = runner.invoke(cli, ["track"])
    assert tracked.exit_code == 0 and "0 of 0 accounts" in tracked.stdout
    nothing = runner.invoke(cli, ["enrich"])
    assert nothing.exit_code == 2 and "say which accounts" in nothing.stderr


def test_it_documents_every_command(cli):
    for args in (
        ["discover"],
        ["enrich"],
        ["track"],
        ["worker"],
        ["sources"],
        ["sources", "feed"],
        ["sources", "set"],
        ["sources", "list"],
        ["sources", "import-snapshots"],
        ["sources", "import-posts"],
    ):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
    docs = (Path(__file__).parents[2] / "docs" / "sources.md").read_text("utf-8")
    for command in ("influent discover", "influent enrich", "influent track", "influent worker"):
        assert command in docs
    for sub in ("feed", "set", "list", "import-snapshots", "import-posts"):
        assert f"influent sources {sub}" in docs


def test_it_lists_the_sources_in_french(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no header is cut
    runner.invoke(cli, ["sources", "set", "youtube", "api_key=AIzaSyExampleKeyf3Xk"])
    listed = runner.invoke(cli, ["sources", "list", "--locale", "fr"])
    assert listed.exit_code == 0, listed.output
    out = listed.stdout
    assert "Prête" in out and "Origine" in out and "Ready" not in out
    assert "oui" in out and "non" in out and "espace de travail" in out
    assert "YouTube" in out
