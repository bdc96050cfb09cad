"""The campaign report page in-process: ranking by ROI, ranges when orders are few, CSV."""

from __future__ import annotations

import csv
import io

from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team

from .conftest import Browser


def test_a_viewer_reads_the_report_ranked_by_roi_with_its_ranges(
    viewer: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _world

    serum, _ = _world(influent, team.workspace_id)
    page = viewer.get(f"/campaigns/{serum}/report")
    assert page.status_code == 200, page.text
    text = page.text
    assert text.index(">lena<") < text.index(">hugo<")  # best ROI first
    assert "1 order (likely 0.0 to 4.7)" in text
    assert 'id="report-chart"' in text and "Unattributed" in text


def test_the_report_exports_csv_that_reconciles(
    viewer: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _world

    serum, _ = _world(influent, team.workspace_id)
    got = viewer.get(f"/campaigns/{serum}/report.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.text.lstrip("\ufeff"))))
    header, body, total = rows[0], rows[1:-1], rows[-1]
    orders = header.index("Orders")
    assert sum(int(r[orders]) for r in body) == int(total[orders]) == 9


def test_an_outsider_cannot_see_another_workspaces_report(
    outsider: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _world

    serum, _ = _world(influent, team.workspace_id)
    assert outsider.get(f"/campaigns/{serum}/report").status_code == 404
    assert outsider.get(f"/campaigns/{serum}/report.csv").status_code == 404


def test_the_api_gives_the_report_to_a_viewers_token_and_hides_it_from_outsiders(
    anonymous: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _world

    serum, ids = _world(influent, team.workspace_id)
    with influent.session() as session:
        viewer = users.create_token(session, user_id=team.viewer.user_id, name="tests")
        outsider = users.create_token(session, user_id=team.outsider.user_id, name="tests")
    got = anonymous.get(
        f"/api/v1/campaigns/{serum}/report", headers={"Authorization": f"Bearer {viewer}"}
    )
    assert got.status_code == 200, got.text
    body = got.json()
    assert [row["creator_id"] for row in body["creators"]] == [ids["lena"], ids["hugo"]]
    assert body["totals"]["orders"] == 9 and body["unattributed"]["revenue_minor"] == 6_000
    hidden = anonymous.get(
        f"/api/v1/campaigns/{serum}/report", headers={"Authorization": f"Bearer {outsider}"}
    )
    assert hidden.status_code == 404


def test_the_page_groups_by_platform_and_the_csv_follows(
    viewer: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _deliverables, _world

    serum, ids = _world(influent, team.workspace_id)
    _deliverables(influent, team.workspace_id, ids["lena"], "youtube:video")
    page = viewer.get(f"/campaigns/{serum}/report?by=platform")
    assert page.status_code == 200 and "YouTube" in page.text
    got = viewer.get(f"/campaigns/{serum}/report.csv?by=platform")
    assert got.text.lstrip("\ufeff").startswith("Platform,") and "YouTube" in got.text
