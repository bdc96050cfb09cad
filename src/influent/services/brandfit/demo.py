"""The brand-fit demo: two briefs (French and English) and creators written so that the
shortlist reads true: on-topic creators in both languages, off-topic big accounts, and a
few with competitor mentions or excluded topics. Deterministic; call after the main demo."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from influent.services.brandfit._briefs import brief_from_toml, save_brief
from influent.services.brandfit._content import refresh_vectors
from influent.services.progress import NO_PROGRESS, Progress
from influent.store.brandfit_demo_writes import add_creator_with_posts, snapshot_span

__all__ = ["BRANDFIT_DEMO_CREATORS", "seed_brandfit_demo"]


class _Counts(Protocol):
    @property
    def workspace_id(self) -> int: ...
    @property
    def created(self) -> bool: ...
    @property
    def creators(self) -> int: ...
    @property
    def accounts(self) -> int: ...
    @property
    def snapshots(self) -> int: ...
    @property
    def posts(self) -> int: ...


_Summary = TypeVar("_Summary", bound=_Counts)

FRENCH_BRIEF = """
name = "Maison Verte — sérum vegan"
product = "Sérum visage vegan et sans parfum, fabriqué en France, pour peaux sensibles."
audience = "Femmes 25-40 ans, France et Belgique, soin de la peau, cosmétique naturelle"
keywords = ["cosmétiques vegan", "skincare naturel", "clean beauty", "peau sensible"]
adjacent = ["zéro déchet", "yoga", "cuisine végétale"]
values = ["transparence", "cruelty-free"]
exclude_topics = ["chasse", "fast fashion"]
competitors = ["Typology", "Horace"]
languages = ["fr", "en"]
countries = ["FR", "BE"]
platforms = ["instagram", "youtube", "podcast", "blog"]
tiers = ["micro", "mid"]
budget = "1500 EUR"
"""

ENGLISH_BRIEF = """
name = "Maison Verte — plant-based kitchen (UK launch)"
product = "Organic plant-based pantry staples: lentil pastas, nut butters and spice blends, plastic-free packaging."
audience = "Home cooks aged 25-45 in the UK and Canada who want quick vegetarian and vegan meals"
keywords = ["plant-based recipes", "vegan cooking", "meal prep", "healthy lunch"]
adjacent = ["zero waste kitchen", "batch cooking", "fitness nutrition"]
values = ["organic", "plastic-free"]
exclude_topics = ["fast food", "gambling"]
exclude_words = ["diet pills"]
competitors = ["Deliciously Ella", "Mindful Chef"]
languages = ["en"]
countries = ["GB", "CA"]
platforms = ["instagram", "youtube"]
tiers = ["micro", "mid", "macro"]
budget = "900 GBP"
"""

# (name, handle, platform, followers, language, country, category, bio, posts)
_CREATORS: tuple[tuple[str, str, str, int, str, str, str, str, tuple[str, ...]], ...] = (
    ("Inès Peau Douce", "ines.peaudouce", "instagram", 48_000, "fr", "FR", "Skincare",
     "Skincare naturel pour peaux sensibles et réactives · cosmétiques vegan",
     ("Ma routine du soir pour peau sensible : trois produits vegan, zéro parfum 🌙",
      "Sérum sans parfum testé pendant 6 semaines : ma peau réactive a enfin dit merci",
      "Clean beauty : je vous apprends à lire une liste INCI en 2 minutes",
      "Rougeurs et tiraillements : ce qui a vraiment calmé ma peau cet hiver",
      "Mes soins fabriqués en France et certifiés cruelty-free 🐰")),
    ("Charlotte Glow", "charlotte.glow.be", "youtube", 120_000, "fr", "BE", "Beauté vegan",
     "Beauté vegan et transparente depuis Bruxelles",
     ("ROUTINE PEAU SENSIBLE : mes cosmétiques vegan préférés",
      "Je décrypte les sérums du moment (sans bullshit marketing)",
      "Zéro déchet dans ma salle de bain : ce que j'ai gardé",
      "Favoris clean beauty du mois, que des marques cruelty-free")),
    ("Emma Greenleaf", "emmagreenleaf", "instagram", 36_000, "en", "BE", "Skincare",
     "Gentle skincare for sensitive skin · vegan & cruelty-free · Brussels",
     ("My calm-skin routine: fragrance-free, vegan and only four steps",
      "Fragrance-free serum review after a month: redness way down",
      "Clean beauty doesn't have to be expensive, here's my shelf",
      "Reading ingredient lists: what sensitive skin should avoid")),
    ("Sophie Nature", "sophie.nature.skin", "instagram", 22_000, "fr", "FR", "Skincare",
     "Cosmétique naturelle et peau sensible",
     ("Ma routine peau sensible du matin, 100 % vegan",
      "Mon avis honnête sur le sérum Typology que tout le monde s'arrache",
      "Comparatif : Horace ou les marques bio pour la peau des hommes ?",
      "Clean beauty : mes indispensables de l'automne")),
    ("Julie Tendance", "julie.tendance", "instagram", 85_000, "fr", "FR", "Mode",
     "Mode, beauté et bons plans",
     ("Énorme haul fast fashion : 30 pièces à moins de 10 € 🛍️",
      "Ma routine skincare express avant de sortir",
      "Try-on haul fast fashion de la rentrée",
      "Mes produits beauté vegan préférés du moment")),
    ("Paul Terroir", "paul.terroir", "youtube", 60_000, "fr", "FR", "Nature",
     "Nature, chasse et vie au grand air",
     ("Ouverture de la chasse : ma première sortie de la saison",
      "Cueillette de champignons et balade en forêt",
      "Préparer son matériel de chasse pour l'hiver")),
    ("Foot Passion FR", "footpassion.fr", "youtube", 2_400_000, "fr", "FR", "Sport",
     "Tout le football : résumés, mercato et débats",
     ("RÉSUMÉ : le choc de Ligue 1 en 10 minutes",
      "MERCATO : les transferts les plus fous de l'été",
      "Débat : qui mérite le Ballon d'Or ?",
      "Les pronostics et paris sportifs du week-end")),
    ("GameOn Nation", "gameonnation", "youtube", 3_100_000, "en", "GB", "Gaming",
     "Speedruns, esports and the biggest game reviews",
     ("I beat the final boss without taking damage",
      "Top 10 esports moments of the year",
      "This new shooter is chaos. Full review",
      "Casino night in the game: spinning the slot machine for rare skins")),
    ("Crypto Max", "cryptomax", "instagram", 1_200_000, "fr", "FR", "Finance",
     "Investir, trader, devenir libre financièrement",
     ("Comment j'ai multiplié mon portefeuille crypto par 5",
      "Les 3 erreurs à éviter en trading",
      "Bourse : mon avis sur les marchés cette semaine")),
    ("Priya Plant Kitchen", "priyaplantkitchen", "instagram", 74_000, "en", "GB", "Cuisine végétale",
     "Plant-based recipes for busy weeknights · London",
     ("15-minute vegan lentil pasta, my weeknight hero",
      "Meal prep Sunday: five plant-based lunches in one hour",
      "Healthy lunch boxes that actually keep you full",
      "Zero waste kitchen: using every bit of the veg")),
    ("Tom Batch Cooks", "tombatchcooks", "youtube", 210_000, "en", "CA", "Cuisine végétale",
     "Batch cooking and vegan meal prep from Toronto",
     ("VEGAN MEAL PREP for the whole week (budget edition)",
      "Batch cooking: 3 plant-based curries, 12 meals",
      "High-protein vegan recipes for the gym",
      "I tried Deliciously Ella's recipes for a week")),
    ("Chloé Cuisine Verte", "chloe.cuisineverte", "instagram", 41_000, "fr", "FR", "Cuisine végétale",
     "Cuisine végétale de saison, simple et gourmande",
     ("Curry de lentilles corail en 20 minutes, 100 % végétal",
      "Meal prep du dimanche : 5 déjeuners veggie",
      "Ma pâte à tartiner maison aux noisettes, sans huile de palme")),
    ("Burger King of Flavour", "burgerkingofflavour", "instagram", 900_000, "en", "GB", "Food",
     "Fast food reviews and eating challenges",
     ("Eating every burger on the fast food menu in one sitting",
      "The ultimate fried chicken ranking",
      "Fast food secret menu hacks, part 12")),
)  # fmt: skip


BRANDFIT_DEMO_CREATORS = len(_CREATORS)


def seed_brandfit_demo(
    session: Session, summary: _Summary, *, progress: Progress = NO_PROGRESS
) -> _Summary:
    """Add the two briefs and the brand-fit creators to a new demo; embed its texts.

    `summary` is the demo builder's (its `workspace_id`, `created` and counts); the same
    summary comes back with the added creators, accounts, snapshots and posts counted.
    An existing demo (not `created`) is left as it is.
    """
    if not summary.created:
        return summary
    # The demo builder calls this function, so its comment sampler is imported here, not at
    # the top: the demo package imports this module while it is being built.
    from influent.services.demo.comments import sample_comments

    workspace_id = summary.workspace_id
    rand = random.Random("brandfit-demo")
    span = snapshot_span(session, workspace_id)
    # The demo's clock: its last snapshot, so the added accounts read like the others.
    now = span[1] if span else datetime.now(UTC)
    for toml in (FRENCH_BRIEF, ENGLISH_BRIEF):
        save_brief(session, workspace_id=workspace_id, data=brief_from_toml(toml))
    snapshots = posts_added = 0
    for name, handle, platform, followers, language, country, category, bio, posts in _CREATORS:
        posts_added += len(posts)
        snapshots += 0 if span is None else (span[1] - span[0]).days + 1
        add_creator_with_posts(
            session,
            workspace_id=workspace_id,
            name=name,
            handle=handle,
            platform=platform,
            followers=followers,
            engagement_rate=round(rand.uniform(0.012, 0.06), 4),
            language=language,
            country=country,
            category=category,
            bio=bio,
            posts=posts,
            now=now,
            span=span,
            comments=sample_comments(rand, None, language, 12),
        )
    refresh_vectors(session, workspace_id=workspace_id, progress=progress)
    original: Any = summary
    added: Any = dataclasses.replace(
        original,
        creators=summary.creators + len(_CREATORS),
        accounts=summary.accounts + len(_CREATORS),
        snapshots=summary.snapshots + snapshots,
        posts=summary.posts + posts_added,
    )
    result: _Summary = added
    return result
