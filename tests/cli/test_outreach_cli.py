"""The outreach commands, end to end on the test database."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from influent.services.core import Influent
from influent_testing import Team

Cli = Callable[..., Result]


@pytest.fixture
def campaign(cli_env: Cli, team: Team) -> Cli:
    for handle, name, followers in (
        ("lea.bougies", "Léa Roux", "42k"),
        ("tom.cuisine", "Tom Martin", "8k"),
    ):
        result = cli_env(
            "creators",
            "add",
            f"@{handle}",
            "--platform",
            "instagram",
            "--name",
            name,
            "--followers",
            followers,
            "--language",
            "fr",
        )
        assert result.exit_code == 0, result.stderr
    result = cli_env(
        "campaign",
        "create",
        "Printemps",
        "--goal",
        "branding",
        "--budget",
        "3000",
        "--brief",
        "Des bougies végétales coulées à la main.",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["slug"] == "printemps"
    result = cli_env("campaign", "add", "Printemps", "@lea.bougies", "@tom.cuisine", "--json")
    assert json.loads(result.stdout)["skipped"] == 0
    return cli_env


def test_a_campaign_runs_from_identified_to_live(campaign: Cli) -> None:
    for stage in ("contacted", "replied", "negotiating", "deal", "live"):
        result = campaign("move", "@lea.bougies", stage, "--campaign", "printemps")
        assert result.exit_code == 0, result.stderr
    data = json.loads(campaign("pipeline", "printemps", "--json").stdout)
    assert [c["name"] for c in data["stages"]["live"]] == ["Léa Roux"]
    assert [c["name"] for c in data["stages"]["identified"]] == ["Tom Martin"]
    funnel = json.loads(campaign("funnel", "printemps", "--json").stdout)
    assert funnel["overall"]["reached"]["live"] == 1
    assert funnel["overall"]["conversion"]["identified"] == 0.5


def test_an_illegal_move_exits_2_and_says_why(campaign: Cli) -> None:
    result = campaign("move", "@tom.cuisine", "deal", "--campaign", "printemps", "--locale", "fr")
    assert result.exit_code == 2
    assert "ne peut pas passer" in result.stderr
    lost = campaign("move", "@tom.cuisine", "lost", "--campaign", "printemps")
    assert lost.exit_code == 2 and "Say why" in lost.stderr
    ok = campaign(
        "move", "@tom.cuisine", "lost", "--campaign", "printemps", "--reason", "not a fit"
    )
    assert ok.exit_code == 0, ok.stderr
    unknown = campaign("move", "@nobody", "contacted", "--campaign", "printemps")
    assert unknown.exit_code == 2


def test_the_plan_prints_the_documented_json(campaign: Cli) -> None:
    result = campaign("plan", "--deals", "10", "--by", "2099-02-01", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["deals"] == 10
    assert data["source"] == "prior"
    assert data["contact_for_50"] < data["contact_for_90"]
    assert data["rates"]["reply"] == 0.4 and data["rates"]["deal"] == 0.1
    text = campaign("plan", "--deals", "10", "--by", "2099-02-01", "--campaign", "printemps").stdout
    assert "90% sure" in text and "Follow-ups are assumed" in text
    bad = campaign("plan", "--deals", "10", "--by", "tomorrow")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr


def test_a_draft_is_written_in_the_creators_language(campaign: Cli) -> None:
    result = campaign("draft", "@lea.bougies", "--campaign", "printemps", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["language"] == "fr" and data["words"] < 120 and not data["sent"]
    english = json.loads(
        campaign(
            "draft", "@lea.bougies", "--campaign", "printemps", "--lang", "en", "--json"
        ).stdout
    )
    assert english["language"] == "en"
    assert english["body"].split()[0] in {"Hi", "Hello", "Hey"}


def test_sending_without_an_address_exits_2_and_writes_nothing(campaign: Cli) -> None:
    result = campaign("draft", "@lea.bougies", "--campaign", "printemps", "--send")
    assert result.exit_code == 2
    assert "no confirmed contact" in result.stderr
    data = json.loads(campaign("pipeline", "printemps", "--json").stdout)
    assert len(data["stages"]["identified"]) == 2


def test_a_logged_dm_makes_a_follow_up_due_later(campaign: Cli, influent: Influent) -> None:
    result = campaign(
        "touch", "@lea.bougies", "--campaign", "printemps", "--channel", "instagram_dm"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(campaign("due", "--json").stdout) == []
    upcoming = json.loads(campaign("due", "--days", "5", "--json").stdout)
    assert [(i["creator"], i["kind"]) for i in upcoming] == [("Léa Roux", "follow_up")]
    reply = campaign(
        "touch",
        "@lea.bougies",
        "--campaign",
        "printemps",
        "--channel",
        "instagram_dm",
        "--received",
    )
    assert "Replied" in reply.stdout
    [item] = json.loads(campaign("due", "--json").stdout)
    assert item["kind"] == "reply"
    bad = campaign("touch", "@lea.bougies", "--campaign", "printemps", "--channel", "pigeon")
    assert bad.exit_code == 2


def test_contact_hints_are_listed_and_confirmed(campaign: Cli) -> None:
    campaign("creators", "edit", "@lea.bougies", "--set", "notes=Collabs: lea [at] bougies.fr")
    listed = json.loads(campaign("contact", "list", "@lea.bougies", "--json").stdout)
    assert [(p["value"], p["confirmed"]) for p in listed] == [("lea@bougies.fr", False)]
    assert campaign("contact", "confirm", str(listed[0]["id"])).exit_code == 0
    added = campaign("contact", "add", "@tom.cuisine", "email", "tom@example.com")
    assert added.exit_code == 0
    refused = campaign("contact", "add", "@tom.cuisine", "email", "nope")
    assert refused.exit_code == 2
