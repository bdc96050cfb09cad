"""Who clicked: people apart from link previewers and crawlers, and a visitor id without the IP."""

from __future__ import annotations

from pathlib import Path

import pytest

from influent.domain.clicks import classify_agent, visitor_hash

AGENTS = Path(__file__).parents[1] / "fixtures" / "links" / "user_agents.tsv"


def _agents() -> list[tuple[str, str, str]]:
    rows = []
    for line in AGENTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, label, agent = ([*line.split("\t"), ""])[:3]
        rows.append((kind, label, agent))
    return rows


def test_the_fixture_has_people_and_every_previewer_the_issue_names() -> None:
    labels = {label for _, label, _ in _agents()}
    assert {"slack", "whatsapp", "imessage", "facebook", "x", "google", "bing"} <= labels
    assert sum(kind == "human" for kind, _, _ in _agents()) >= 10


@pytest.mark.parametrize(("kind", "label", "agent"), _agents())
def test_it_classifies_real_user_agents(kind: str, label: str, agent: str) -> None:
    found = classify_agent(agent)
    assert found.is_bot == (kind == "bot")
    assert found.label == label


def test_a_head_request_is_a_previewer_whatever_it_claims() -> None:
    chrome = next(agent for kind, _, agent in _agents() if kind == "human")
    assert classify_agent(chrome, method="HEAD").is_bot
    assert not classify_agent(chrome, method="GET").is_bot


def test_the_visitor_id_depends_on_the_day_salt_and_hides_the_ip() -> None:
    one = visitor_hash(b"salt-monday", "203.0.113.7", "Mozilla/5.0")
    assert one == visitor_hash(b"salt-monday", "203.0.113.7", "Mozilla/5.0")
    assert one != visitor_hash(b"salt-tuesday", "203.0.113.7", "Mozilla/5.0")
    assert one != visitor_hash(b"salt-monday", "203.0.113.8", "Mozilla/5.0")
    assert one != visitor_hash(b"salt-monday", "203.0.113.7", "Mozilla/5.1")
    assert "203" not in one and len(one) == 32
