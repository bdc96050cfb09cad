"""`influent link …`: create, list, show and draw links; refuse open redirects with exit code 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from influent.services.core import Influent
from influent.services.links import list_links
from influent_testing import seed_link_campaign

Cli = Callable[..., Result]


def test_it_creates_a_link_and_prints_it_as_json(
    cli_env: Cli, influent: Influent, workspace_id: int
) -> None:
    seed_link_campaign(influent, workspace_id)
    result = cli_env(
        "link", "create", "@lena", "--campaign", "Serum launch",
        "--to", "https://maisonverte.fr/serum?x=1", "--key", "LenaSpring", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["key"] == "LenaSpring"
    assert data["short_url"] == "http://127.0.0.1:8000/r/LenaSpring"
    assert data["url"].startswith("https://maisonverte.fr/serum?x=1&utm_source=instagram")
    assert data["utm"]["utm_campaign"] == "serum-launch"
    listed = json.loads(cli_env("link", "list", "--json").stdout)
    assert [row["key"] for row in listed] == ["LenaSpring"]
    shown = json.loads(cli_env("link", "show", "lenaspring", "--json").stdout)
    assert shown["clicks"] == {"human": 0, "bot": 0, "visitors": 0} and shown["days"] == []


def test_it_refuses_a_foreign_destination_with_exit_code_2_and_writes_nothing(
    cli_env: Cli, influent: Influent, workspace_id: int
) -> None:
    seed_link_campaign(influent, workspace_id)
    for url in ("https://evil.example/", "//evil.example", "https:evil.example", "javascript:x"):
        result = cli_env("link", "create", "@lena", "--campaign", "serum-launch", "--to", url)
        assert result.exit_code == 2
        assert result.stdout == ""
    assert "evil.example" in result.stderr or "javascript" in result.stderr
    french = cli_env(
        "link", "create", "@lena", "--campaign", "serum-launch", "--to", "https://evil.example",
        "--locale", "fr",
    )  # fmt: skip
    assert "ne peuvent mener qu’aux domaines de cet espace" in french.stderr
    with influent.session() as session:
        assert list_links(session, workspace_id=workspace_id) == []


def test_it_writes_qr_codes_and_manages_domains(
    cli_env: Cli, influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    seed_link_campaign(influent, workspace_id)
    assert cli_env("link", "create", "@lena", "--campaign", "serum-launch").exit_code == 0
    svg, png = tmp_path / "lena.svg", tmp_path / "lena.png"
    assert cli_env("link", "qr", "lena-serum", "--output", str(svg)).exit_code == 0
    assert cli_env("link", "qr", "lena-serum", "-o", str(png), "--scale", "4").exit_code == 0
    assert svg.read_bytes().startswith(b"<svg")
    assert png.read_bytes().startswith(b"\x89PNG")
    added = cli_env("link", "domains", "add", "Shop.Example.com", "--json")
    assert json.loads(added.stdout) == ["maisonverte.fr", "shop.example.com"]
    assert cli_env("link", "domains", "add", "not a domain").exit_code == 2
    removed = cli_env("link", "domains", "remove", "maisonverte.fr", "--json")
    assert json.loads(removed.stdout) == ["shop.example.com"]
    assert json.loads(cli_env("link", "domains", "list", "--json").stdout) == ["shop.example.com"]
