from __future__ import annotations

import re

from brandfit_testing import seed_creator
from influent.services import campaigns, outreach
from influent.services.core import Influent
from influent_testing import Team
from web.conftest import Browser

FORM = {
    "name": "Sérum vegan",
    "product": "Sérum visage vegan pour peaux sensibles",
    "audience": "Femmes 25-40 ans",
    "keywords": "cosmétiques vegan\npeau sensible",
    "adjacent": "zéro déchet",
    "values": "",
    "exclude_topics": "chasse",
    "exclude_words": "",
    "competitors": "Typology",
    "languages": "fr, en",
    "countries": "FR, BE",
    "platforms": "instagram",
    "tiers": "micro",
    "budget": "1500 EUR",
}


def _seed(influent: Influent, workspace_id: int) -> tuple[int, int]:
    lea = seed_creator(
        influent,
        workspace_id,
        name="Léa Soin",
        handle="lea.soin",
        posts=["Routine peau sensible, cosmétiques vegan", "Mon sérum Typology du soir"],
    )
    foot = seed_creator(
        influent, workspace_id, name="Foot Total", handle="foot", posts=["Le match de ce soir"]
    )
    return lea, foot


def test_a_member_writes_a_brief_and_sees_its_shortlist_with_evidence_and_flags(
    member: Browser, influent: Influent, team: Team
) -> None:
    _seed(influent, team.workspace_id)
    saved = member.submit("/briefs", FORM, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/briefs/serum-vegan/shortlist"
    page = member.get("/briefs/serum-vegan/shortlist")
    assert page.status_code == 200
    text = page.text
    assert text.index("Léa Soin") < text.index("Foot Total")
    assert "https://www.instagram.com/p/lea.soin-1/" in text  # the competitor flag's post
    assert 'name="w_fit"' in text and 'type="range"' in text


def test_it_shows_the_form_again_with_the_sentence_when_a_brief_is_wrong(
    member: Browser, team: Team
) -> None:
    response = member.submit("/briefs", FORM | {"budget": "beaucoup"})
    assert response.status_code == 400
    assert "is not a budget" in response.text and "Sérum visage vegan" in response.text


def test_a_viewer_reads_briefs_but_cannot_write_one(viewer: Browser, team: Team) -> None:
    assert viewer.get("/briefs").status_code == 200
    assert 'id="brief-form"' not in viewer.get("/briefs").text
    assert viewer.submit("/briefs", FORM, follow_redirects=False).status_code == 403


def test_weights_from_the_sliders_change_the_score(
    member: Browser, influent: Influent, team: Team
) -> None:
    _seed(influent, team.workspace_id)
    member.submit("/briefs", FORM)
    page = member.get("/briefs/serum-vegan/shortlist?w_fit=10&w_reach=0")
    assert 'name="w_fit" min="0" max="10" step="0.5" value="10.0"' in page.text


def test_it_tags_the_ticked_creators(member: Browser, influent: Influent, team: Team) -> None:
    lea, _foot = _seed(influent, team.workspace_id)
    member.submit("/briefs", FORM)
    response = member.submit(
        "/briefs/serum-vegan/tag",
        {"tag": "serum", "creator_ids": str(lea)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "Léa Soin" in member.get("/creators?tag=serum").text
    assert "Foot Total" not in member.get("/creators?tag=serum").text


def test_an_outsider_does_not_see_another_workspace_s_brief(
    member: Browser, outsider: Browser, team: Team
) -> None:
    member.submit("/briefs", FORM)
    assert outsider.get("/briefs/serum-vegan/shortlist").status_code == 404


def test_the_top_of_the_shortlist_enters_a_new_campaign(
    member: Browser, influent: Influent, team: Team
) -> None:
    lea, foot = _seed(influent, team.workspace_id)
    member.submit("/briefs", FORM)
    page = member.get("/briefs/serum-vegan/shortlist?w_reach=0")
    ranked = [int(v) for v in re.findall(r'name="ranked_ids" value="(\d+)"', page.text)]
    assert ranked == [lea, foot]
    assert 'name="pick" value="top"' in page.text and "Add to campaign…" in page.text
    done = member.submit(
        "/campaigns/enter",
        {
            "new_campaign": "Sérum",
            "pick": "top",
            "top": "1",
            "ranked_ids": [str(i) for i in ranked],  # type: ignore[dict-item]
            "back": "/briefs/serum-vegan/shortlist?w_reach=0",
        },
        follow_redirects=False,
    )
    assert done.headers["location"] == "/briefs/serum-vegan/shortlist?w_reach=0"
    with influent.session() as session:
        [campaign] = campaigns.list_campaigns(session, workspace_id=team.workspace_id)
        columns = outreach.board(session, workspace_id=team.workspace_id, campaign_id=campaign.id)
    assert [c.creator_id for c in columns["identified"]] == [lea]
    assert "1 added to the campaign." in member.get(done.headers["location"]).text
