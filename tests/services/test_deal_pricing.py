"""The fair price of a creator's deliverable, from the workspace's data."""

from __future__ import annotations

from deals_testing import make_campaign, make_creator
from influent.services.core import Influent
from influent.services.deals import (
    DeliverableIn,
    change_status,
    create_deal,
    estimate_for,
    estimate_json,
)
from influent.services.i18n import Translator
from influent.store.models import Creator


def _estimate(influent: Influent, workspace_id: int, creator_id: int) -> dict[str, object]:
    with influent.session() as session:
        creator = session.get(Creator, creator_id)
        assert creator is not None
        estimate, _ = estimate_for(session, workspace_id=workspace_id, creator=creator, fmt="post")
        return estimate_json(estimate, Translator("fr"))


def test_it_prices_from_the_creators_numbers_and_explains_in_french(
    influent: Influent, workspace_id: int
) -> None:
    creator_id = make_creator(influent, workspace_id, "Léna", "lena", 150_000, 0.05)
    found = _estimate(influent, workspace_id, creator_id)
    assert found["currency"] == "EUR"
    assert isinstance(found["point"], int) and 2_000 < found["point"] < 5_000
    basis = found["basis"]
    assert isinstance(basis, list)
    assert basis[0] == "Prix calculé sur Instagram @lena, 150\u202f000 abonnés."
    assert any("5,0\u00a0%" in line or "5,0\u202f%" in line for line in basis)


def test_agreed_deals_at_twice_the_estimate_pull_the_next_estimate_up(
    influent: Influent, workspace_id: int
) -> None:
    campaign_id = make_campaign(influent, workspace_id)
    target = make_creator(influent, workspace_id, "Zoé", "zoe", 60_000, 0.04)
    before = _estimate(influent, workspace_id, target)
    for i in range(6):
        creator_id = make_creator(influent, workspace_id, f"Créatrice {i}", f"c{i}", 60_000, 0.04)
        with influent.session() as session:
            deal = create_deal(
                session,
                workspace_id=workspace_id,
                campaign_id=campaign_id,
                creator_id=creator_id,
                deliverables=[DeliverableIn("post")],
                fee=str(2 * int(str(before["point"]))),
            )
            change_status(session, workspace_id=workspace_id, deal_id=deal.id, status="accepted")
    after = _estimate(influent, workspace_id, target)
    assert (
        int(str(before["point"])) * 1.3 < int(str(after["point"])) < int(str(before["point"])) * 2
    )
    basis = after["basis"]
    assert isinstance(basis, list)
    assert any(line.startswith("Réajusté sur les 6 accords conclus") for line in basis)
