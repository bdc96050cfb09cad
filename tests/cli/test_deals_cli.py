"""`influent deal`, `influent price` and `influent codes` against a real database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from deals_testing import make_campaign, make_creator
from influent.services.core import Influent
from store_import_readers import read_woocommerce

Invoke = Callable[..., Result]


def test_price_prints_the_range_and_its_basis_as_json(
    cli_env: Invoke, influent: Influent, workspace_id: int
) -> None:
    make_creator(influent, workspace_id, "Léna", "lena.beaute", 150_000, 0.05)
    result = cli_env("price", "@lena.beaute", "--format", "story", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"low", "point", "high", "currency", "basis"}
    assert data["currency"] == "EUR"
    assert 700 <= data["point"] <= 1_300
    assert data["low"] < data["point"] < data["high"]
    assert all(isinstance(line, str) and line for line in data["basis"])
    french = cli_env("price", "@lena.beaute", "--format", "story", "--locale", "fr")
    assert "Prix juste" in french.stdout


def test_a_deal_goes_from_proposal_to_payment_on_the_command_line(
    cli_env: Invoke, influent: Influent, workspace_id: int
) -> None:
    make_campaign(influent, workspace_id)
    make_creator(influent, workspace_id, "Léna Dupont", "lena.beaute", 150_000, 0.05)
    added = cli_env(
        "deal",
        "add",
        "@lena.beaute",
        "--campaign",
        "Lancement sérum",
        "--format",
        "story",
        "--quantity",
        "3",
        "--fee",
        "1 200 €",
        "--percent",
        "15",
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    deal = json.loads(added.stdout)
    assert deal["fee"] == 1200.0 and deal["code"]["code"] == "LENA15"
    assert deal["position"] == "below"
    deal_id = str(deal["id"])
    offer = cli_env("deal", "offer", deal_id, "--fee", "2 500 €", "--from", "creator", "--json")
    assert json.loads(offer.stdout)["fee"] == 2500.0
    for status in ("accepted", "live", "delivered", "paid"):
        moved = cli_env("deal", "status", deal_id, status, "--json")
        assert moved.exit_code == 0, moved.stderr
    shown = json.loads(cli_env("deal", "show", deal_id, "--json").stdout)
    assert shown["status"] == "paid"
    assert [e["kind"] for e in shown["events"]].count("offer") == 2
    listed = json.loads(cli_env("deal", "list", "--campaign", "lancement-serum", "--json").stdout)
    assert [d["id"] for d in listed] == [deal["id"]]
    proposal = cli_env("deal", "show", deal_id, "--proposal")
    assert proposal.stdout.startswith("Bonjour Léna,")


def test_bad_input_is_refused_in_french_with_exit_code_2_and_nothing_written(
    cli_env: Invoke, influent: Influent, workspace_id: int
) -> None:
    make_campaign(influent, workspace_id)
    make_creator(influent, workspace_id, "Léna", "lena.beaute", 20_000)
    base = ["deal", "add", "@lena.beaute", "--campaign", "Lancement sérum", "--format", "post"]
    cases = [
        (["--fee", "deux cents euros"], "n’est pas une rémunération"),
        (["--fee", "200 XYZ"], "Devise inconnue"),
        (["--fee", "200 €", "--quantity", "-1"], "quantité de -1"),
        (["--fee", "200 €", "--code", "LENA 15", "--percent", "15"], "contient des espaces"),
    ]
    for extra, french in cases:
        result = cli_env(*base, *extra, "--locale", "fr")
        assert result.exit_code == 2, (extra, result.stdout)
        assert french in result.stderr
        assert result.stderr.startswith("Erreur")
    listed = json.loads(cli_env("deal", "list", "--json").stdout)
    assert listed == []


def test_codes_are_generated_for_a_campaign_and_exported_for_woocommerce(
    cli_env: Invoke, influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    make_campaign(influent, workspace_id)
    for name, handle in (("Léna", "lena"), ("Lena", "lena2"), ("Zoé", "zoe")):
        make_creator(influent, workspace_id, name, handle, 20_000)
        added = cli_env(
            "deal",
            "add",
            f"@{handle}",
            "--campaign",
            "Lancement sérum",
            "--format",
            "post",
            "--fee",
            "300 €",
        )
        assert added.exit_code == 0, added.stderr
    levels = cli_env("codes", "levels", "Lancement sérum", "15", "--json")
    assert json.loads(levels.stdout) == {"all": 15}
    made = json.loads(
        cli_env("codes", "generate", "--campaign", "Lancement sérum", "--json").stdout
    )
    assert sorted(c["code"] for c in made) == ["LENA15", "LENA15-2", "ZOE15"]
    target = tmp_path / "codes.csv"
    exported = cli_env(
        "codes",
        "export",
        "--campaign",
        "Lancement sérum",
        "--format",
        "woocommerce",
        "--output",
        str(target),
    )
    assert exported.exit_code == 0, exported.stderr
    coupons = read_woocommerce(target.read_text(encoding="utf-8"))
    assert sorted(c.code for c in coupons) == ["LENA15", "LENA15-2", "ZOE15"]
    assert all(c.percent == 15 for c in coupons)
