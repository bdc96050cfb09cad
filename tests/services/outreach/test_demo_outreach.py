"""The demo workspace has two campaigns in progress, with a past the reports can show."""

from __future__ import annotations

from datetime import UTC, date, datetime

from influent.domain.pipeline import LostReason, Stage, check_move
from influent.services import campaigns, outreach
from influent.services.core import Influent
from influent.services.demo import build_demo


def test_the_demo_has_two_campaigns_in_progress_with_a_believable_history(
    influent: Influent,
) -> None:
    with influent.session() as session:
        summary = build_demo(session, creators=80, days=60, today=date(2026, 11, 1))
    ws = summary.workspace_id
    with influent.session() as session:
        found = campaigns.list_campaigns(session, workspace_id=ws)
        # Outreach's two campaigns; deals and links seed into the launch too.
        assert {"Coffrets de fin d’année", "Lancement sérum"} <= {c.name for c in found}
        spring = next(c for c in found if c.name == "Lancement sérum")
        report = outreach.funnel(session, workspace_id=ws, campaign_id=spring.id)
        overall = report.overall
        assert overall.total == 40
        assert overall.reached["contacted"] >= 25
        assert (
            0 < overall.reached["deal"] < overall.reached["replied"] < overall.reached["contacted"]
        )
        assert overall.lost.get("no_answer", 0) > 0
        assert {g.label for g in report.by_channel} >= {"dm", "email"}
        due = outreach.due_list(session, workspace_id=ws, now=datetime.now(UTC))
        assert any(i.kind == "follow_up" for i in due)
        # Every recorded change was a legal move, in time order.
        for column in outreach.board(session, workspace_id=ws, campaign_id=spring.id).values():
            for card in column:
                history = outreach.stage_history(
                    session, workspace_id=ws, opportunity_id=card.opportunity_id
                )
                assert [h.at for h in history] == sorted(h.at for h in history)
                for line in history[1:]:
                    if line.from_stage != Stage.LOST.value:
                        check_move(
                            Stage(line.from_stage or "identified"),
                            Stage(line.to_stage),
                            lost_reason=None
                            if line.lost_reason is None
                            else LostReason(line.lost_reason),
                        )
