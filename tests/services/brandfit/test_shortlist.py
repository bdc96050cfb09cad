from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from brandfit_testing import seed_creator
from influent.services.brandfit import (
    brief_from_toml,
    lookalikes,
    parse_weights,
    refresh_vectors,
    save_brief,
    shortlist,
)
from influent.services.core import Influent
from influent.store.models import Post
from influent_testing import FIXTURES

BRIEF = (FIXTURES / "brandfit" / "maison-verte.toml").read_text(encoding="utf-8")


@pytest.fixture
def creators(influent: Influent, workspace_id: int) -> dict[str, int]:
    ids = {
        "lea": seed_creator(
            influent,
            workspace_id,
            name="Léa Soin",
            handle="lea.soin",
            bio="Skincare naturel et cosmétiques vegan pour peau sensible",
            posts=[
                "Ma routine du soir pour peau sensible, que des cosmétiques vegan 🌿",
                "Sérum sans parfum : mon avis après un mois, ma peau réactive dit merci",
                "Clean beauty : comment lire une liste INCI",
            ],
        ),
        "jade": seed_creator(
            influent,
            workspace_id,
            name="Jade Glow",
            handle="jadeglow",
            language="en",
            country="BE",
            posts=[
                "My gentle skincare routine for sensitive skin, all vegan and cruelty-free",
                "Fragrance-free serum review: calm skin after four weeks",
                "Clean beauty haul: natural cosmetics I actually use",
            ],
        ),
        "foot": seed_creator(
            influent,
            workspace_id,
            name="Foot Total",
            handle="foottotal",
            followers=90_000,
            posts=[
                "Le résumé du match : trois buts en seconde période",
                "Mercato : les transferts de l'été en Ligue 1",
                "Entraînement au stade avec l'équipe",
            ],
        ),
        "rival": seed_creator(
            influent,
            workspace_id,
            name="Clara Peau",
            handle="clara.peau",
            posts=[
                "Ma routine du soir pour peau sensible, cosmétiques vegan",
                "Mon sérum Typology préféré pour les peaux sensibles",
                "Clean beauty : comment lire une liste INCI",
            ],
        ),
    }
    with influent.session() as session:
        save_brief(session, workspace_id=workspace_id, data=brief_from_toml(BRIEF))
    return ids


def test_it_ranks_on_topic_creators_in_both_languages_above_off_topic_ones(
    influent: Influent, workspace_id: int, creators: dict[str, int]
) -> None:
    with influent.session() as session:
        result = shortlist(session, workspace_id=workspace_id, brief_ref="maison-verte-serum-vegan")
    order = [r.creator_id for r in result.results]
    assert set(order[:2]) == {creators["lea"], creators["jade"]}
    assert order.index(creators["foot"]) > order.index(creators["jade"])
    best = result.results[0]
    assert len(best.evidence) == 3 and best.evidence[0].url is not None
    assert best.evidence[0].similarity >= best.evidence[1].similarity
    assert set(best.parts) == {
        "fit", "quality", "engagement", "reach", "language", "country", "budget", "safety"
    }  # fmt: skip
    # No rate is known for these creators: the budget part is said missing, not guessed.
    assert "budget" in best.missing and best.parts["budget"] is None


def test_it_flags_a_competitor_mention_lowers_the_rank_and_keeps_the_creator(
    influent: Influent, workspace_id: int, creators: dict[str, int]
) -> None:
    with influent.session() as session:
        result = shortlist(session, workspace_id=workspace_id, brief_ref="maison-verte-serum-vegan")
    rows = {r.creator_id: r for r in result.results}
    rival = rows[creators["rival"]]
    flag = next(f for f in rival.flags if f.kind == "competitor")
    assert flag.term == "Typology" and flag.url == "https://www.instagram.com/p/clara.peau-1/"
    assert rival.parts["safety"] is not None and rival.parts["safety"] < 1
    assert rows[creators["lea"]].rank < rival.rank


def test_it_embeds_only_texts_that_changed(
    influent: Influent, workspace_id: int, creators: dict[str, int]
) -> None:
    with influent.session() as session:
        first = refresh_vectors(session, workspace_id=workspace_id)
        again = refresh_vectors(session, workspace_id=workspace_id)
        session.execute(
            update(Post).where(Post.external_id == "foottotal-0").values(caption="Nouveau texte")
        )
        changed = refresh_vectors(session, workspace_id=workspace_id)
    assert first.embedded == 13 and again.embedded == 0 and again.kept == 13
    assert changed.embedded == 1


def test_it_orders_by_fit_alone_when_only_fit_is_weighted(
    influent: Influent, workspace_id: int, creators: dict[str, int]
) -> None:
    weights = {k: 0.0 for k in parse_weights([])} | {"fit": 1.0}
    with influent.session() as session:
        result = shortlist(
            session,
            workspace_id=workspace_id,
            brief_ref="maison-verte-serum-vegan",
            weights=weights,
        )
    fits = [r.parts["fit"] for r in result.results]
    assert fits == sorted(fits, reverse=True)
    assert result.results[-1].creator_id == creators["foot"]


def test_it_finds_lookalikes_across_languages(
    influent: Influent, workspace_id: int, creators: dict[str, int]
) -> None:
    with influent.session() as session:
        name, found = lookalikes(session, workspace_id=workspace_id, ref="@jadeglow")
    assert name == "Jade Glow"
    assert found[-1].creator_id == creators["foot"]
    assert {found[0].creator_id, found[1].creator_id} == {creators["lea"], creators["rival"]}
    assert found[0].evidence


def test_it_leaves_out_creators_outside_the_filters(
    influent: Influent, workspace_id: int, creators: dict[str, int], tmp_path: Path
) -> None:
    with influent.session() as session:
        result = shortlist(
            session,
            workspace_id=workspace_id,
            brief_ref="maison-verte-serum-vegan",
            countries=["BE"],
        )
    assert [r.creator_id for r in result.results] == [creators["jade"]]


def test_it_flags_sponsored_saturation_and_undisclosed_sponsorship_with_their_posts(
    influent: Influent, workspace_id: int, creators: dict[str, int]
) -> None:
    ads = seed_creator(
        influent,
        workspace_id,
        name="Nina Promo",
        handle="nina.promo",
        posts=[
            "Ma routine peau sensible avec @marque #ad",
            "Code promo NINA10 chez @autremarque, partenaire de la semaine #sponso",
            "Cosmétiques vegan : mes favoris",
        ],
    )
    with influent.session() as session:
        result = shortlist(session, workspace_id=workspace_id, brief_ref="maison-verte-serum-vegan")
    row = next(r for r in result.results if r.creator_id == ads)
    kinds = {f.kind: f for f in row.flags}
    assert kinds["sponsored_saturation"].term == "67%"
    assert kinds["sponsored_saturation"].url == "https://www.instagram.com/p/nina.promo-0/"
    assert kinds["undisclosed_sponsorship"].term == "2"
    assert row.parts["safety"] is not None and row.parts["safety"] < 1
