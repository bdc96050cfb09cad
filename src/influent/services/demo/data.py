"""The words of the demo workspace: people, niches, captions, tags and notes.

Everything here is invented. Email addresses use the reserved example domains (RFC 2606)
so that a demo campaign can never write to a real inbox.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

__all__ = [
    "AGENCIES",
    "BRANDS",
    "CONTROVERSIAL",
    "COUNTRIES",
    "FEMININE_NAMES",
    "GIVEAWAYS",
    "MASCULINE_NAMES",
    "MASCULINE_WORDS",
    "NICHES",
    "NOTES",
    "SOURCES",
    "TAGS",
    "Niche",
    "agreeing_word",
    "ascii_slug",
    "email_for",
    "person_name",
    "sponsored_caption",
]

# Feminine first names, then masculine ones; a handle's words agree with the name.
FEMININE_NAMES = (
    "Camille", "Léa", "Chloé", "Manon", "Inès", "Jade", "Louise", "Zoé", "Clara", "Juliette",
    "Emma", "Margaux", "Mathilde", "Pauline", "Sarah", "Lucie", "Anaïs", "Élise", "Charlotte",
    "Océane", "Noémie", "Justine", "Marion", "Amandine", "Laura", "Héloïse", "Salomé", "Agathe",
    "Romane", "Capucine", "Maëlle", "Coralie", "Audrey", "Gaëlle", "Solène", "Amélie", "Nora",
    "Yasmine", "Leïla", "Aurélie",
)  # fmt: skip
MASCULINE_NAMES = (
    "Thomas", "Hugo", "Lucas", "Julien", "Maxime", "Antoine",
    "Nicolas", "Théo", "Karim", "Mehdi", "Baptiste", "Guillaume", "Simon", "Raphaël", "Étienne",
    "Félix", "Olivier", "Samuel", "Mathis", "Gabriel",
)  # fmt: skip
FIRST_NAMES = FEMININE_NAMES + MASCULINE_NAMES
# Niche words that say who the creator is, and what they become for a man.
MASCULINE_WORDS = {
    "belle": "beau",
    "naturelle": "naturel",
    "maman": "papa",
    "mamanverte": "papavert",
    "baroudeuse": "baroudeur",
}

# Family names by country: French, Belgian (French- and Dutch-speaking), Swiss romand
# and Québécois names as they appear in those countries.
LAST_NAMES = {
    "FR": (
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
        "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
        "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Benali", "Haddad", "Nguyen", "Chevalier", "Brunet", "Gauthier", "Lemoine", "Renaud",
    ),
    "BE": (
        "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
        "Dubois", "Lambert", "Dupont", "Leclercq", "Lejeune", "Renard", "Hermans", "Wouters",
    ),
    "CH": (
        "Favre", "Rochat", "Berset", "Bonvin", "Maillard", "Pittet", "Jaquet", "Cuendet",
        "Chappuis", "Rey", "Gay", "Perret", "Monnier", "Vuilleumier",
    ),
    "CA": (
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
        "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
    ),
    "LU": ("Schmit", "Muller", "Weber", "Hoffmann", "Wagner", "Thill", "Reuter"),
}  # fmt: skip

# (country, weight, share of English-speaking creators)
COUNTRIES = (("FR", 0.70, 0.03), ("BE", 0.12, 0.05), ("CH", 0.08, 0.05), ("CA", 0.08, 0.35),
             ("LU", 0.02, 0.10))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Niche:
    """A content niche: its label, handle words, hashtags and what its creators write."""

    label: str
    weight: float
    words: tuple[str, ...]
    hashtags: tuple[str, ...]
    captions: tuple[str, ...]
    titles: tuple[str, ...]
    tags: tuple[str, ...]


NICHES = (
    Niche(
        "Beauté vegan", 0.22, ("beaute", "veganbeauty", "glow", "belle", "naturelle"),
        ("#beautevegan", "#crueltyfree", "#cosmetiquesnaturels", "#veganbeauty",
         "#maquillagenaturel", "#slowbeauty"),
        ("Mon maquillage du quotidien en 5 minutes, 100 % vegan et sans cruauté 🌿",
         "Les 3 produits que je rachète encore et encore. Vous les connaissez ?",
         "Petit haul beauté : que des marques françaises et certifiées vegan 💚",
         "Le teint frais sans fond de teint, c'est possible ? Je vous montre ✨",
         "Rouge à lèvres : mes 4 teintes préférées pour l'automne 🍂",
         "On parle des mentions « vegan » sur les packagings ? Tout n'est pas si simple."),
        ("MA ROUTINE MAQUILLAGE VEGAN EN 5 MINUTES",
         "Je teste les cosmétiques vegan du supermarché",
         "Les INCI expliqués simplement", "Favoris beauté du mois (que du clean !)"),
        ("vegan", "beauté"),
    ),
    Niche(
        "Skincare", 0.18, ("skin", "skincare", "peau", "glowup", "soin"),
        ("#skincare", "#routinevisage", "#peausensible", "#skincareroutine", "#soinvisage",
         "#cleanbeauty"),
        ("Ma routine du soir pour peau sensible 🌙 Trois étapes, pas une de plus.",
         "Sérum à la vitamine C : mon avis après 6 semaines.",
         "Double nettoyage : indispensable ou marketing ? J'en parle en story.",
         "Ma peau en ce moment : sans filtre, avec les imperfections 🤍",
         "Crème solaire minérale : enfin une qui ne laisse pas de traces blanches ☀️",
         "Vos questions sur l'acné adulte, mes réponses en carrousel 👉"),
        ("Ma routine skincare peau sensible (budget mini)", "Je décrypte vos crèmes hydratantes",
         "Acné adulte : ce qui a vraiment marché pour moi", "Routine du soir : mes essentiels"),
        ("skincare", "beauté"),
    ),
    Niche(
        "Zéro déchet", 0.12, ("zerodechet", "zero.waste", "sansplastique", "minimaliste", "vrac"),
        ("#zerodechet", "#zerowaste", "#vrac", "#faitmaison", "#sansplastique", "#ecologie"),
        ("Mon déodorant maison en 3 ingrédients : la recette 👇",
         "Courses en vrac de la semaine : 0 emballage, 42 € 🛒",
         "Un an sans acheter de shampoing en bouteille. Le bilan honnête.",
         "Salle de bain zéro déchet : ce que j'ai gardé, ce que j'ai abandonné.",
         "Tawashi, bee wrap, lingettes lavables : mon kit pour débuter ♻️",
         "Le zéro déchet parfait n'existe pas, et c'est très bien comme ça."),
        ("Ma salle de bain ZÉRO DÉCHET", "J'ai testé le vrac pendant un mois",
         "5 gestes zéro déchet faciles pour commencer", "Faire sa lessive maison : ça marche ?"),
        ("zéro déchet",),
    ),
    Niche(
        "Cuisine végétale", 0.14, ("cuisine", "veggie", "vegetal", "recettes", "greenkitchen"),
        ("#cuisinevegetale", "#recettevegan", "#veggie", "#vegan", "#faitmaison", "#batchcooking"),
        ("Curry de pois chiches au lait de coco, prêt en 20 minutes 🍛 Recette en légende.",
         "Mon batch cooking du dimanche : 5 repas pour la semaine 🥦",
         "Brioche vegan ultra moelleuse, sans œufs ni beurre 🥐",
         "Le tofu, vous l'aimez comment ? Voici ma marinade préférée.",
         "Bowl de saison : courge rôtie, lentilles, tahini 🍂",
         "Cookies vegan aux pépites de chocolat, la recette que vous me demandez tout le temps 🍪"),
        ("BATCH COOKING VEGAN pour la semaine", "3 recettes végétales à moins de 2 € par personne",
         "Je cuisine vegan pendant 7 jours", "Le meilleur gâteau au chocolat vegan"),
        ("vegan", "cuisine"),
    ),
    Niche(
        "Yoga & bien-être", 0.10, ("yoga", "zen", "namaste", "respire", "slowlife"),
        ("#yoga", "#bienetre", "#meditation", "#yogafrance", "#respiration", "#selfcare"),
        ("Séance de 10 minutes pour bien démarrer la journée 🧘‍♀️",
         "Respirer avant de réagir. Petit rappel du lundi.",
         "Ma routine du matin : eau tiède, étirements, pas de téléphone 📵",
         "Yoga postnatal : les postures douces pour reprendre en confiance.",
         "Retraite yoga en Ardèche : les inscriptions sont ouvertes 🌄",
         "Méditation guidée de 5 minutes en story, à refaire quand vous voulez."),
        ("YOGA DU MATIN - 15 minutes tous niveaux", "Méditation guidée pour dormir",
         "Yoga pour le dos : 20 minutes", "Ma routine bien-être du soir"),
        ("bien-être",),
    ),
    Niche(
        "Maternité", 0.08, ("maman", "mamanverte", "famille", "bebe", "parentalite"),
        ("#maternite", "#mamannature", "#parentalitepositive", "#bebe", "#couchelavable",
         "#grossesse"),
        ("Couches lavables : 18 mois après, je vous dis tout 👶",
         "La trousse de toilette de bébé, version naturelle et minimaliste.",
         "Troisième trimestre : ce qui m'aide vraiment contre les vergetures 🤰",
         "Cuisiner végétal pour toute la famille, même les plus difficiles.",
         "Les nuits courtes, les câlins longs. La vie avec un bébé de 4 mois.",
         "Ma valise de maternité : la liste complète en carrousel 👉"),
        ("Ma valise maternité NATURELLE", "Routine du soir avec deux enfants",
         "Couches lavables : le vrai coût", "Grossesse : mes soins sans perturbateurs"),
        ("famille",),
    ),
    Niche(
        "Mode éthique", 0.09, ("mode", "slowfashion", "style", "dressing", "seconde.main"),
        ("#modeethique", "#slowfashion", "#secondemain", "#madeinfrance", "#modedurable",
         "#vintage"),
        ("Un dressing capsule de 30 pièces pour tout l'automne 🍂",
         "Trouvaille de friperie : ce manteau en laine à 18 € 🧥",
         "Comment je reconnais une marque vraiment éthique (et pas du greenwashing).",
         "Réparer plutôt que racheter : mon jean a 8 ans.",
         "3 façons de porter une chemise en lin 👕",
         "Made in France : mes marques coup de cœur à tous les budgets."),
        ("DRESSING CAPSULE automne", "Haul seconde main : mes trouvailles",
         "Greenwashing dans la mode : comment le repérer", "J'ai arrêté la fast fashion"),
        ("mode éthique",),
    ),
    Niche(
        "Voyage", 0.07, ("voyage", "travel", "escapade", "baroudeuse", "slowtravel"),
        ("#voyage", "#slowtravel", "#voyagerautrement", "#travelgram", "#trainnotplane",
         "#explorefrance"),
        ("Trois jours à Lisbonne sans avion : mon itinéraire en train 🚆",
         "Voyager léger : tout tient dans un sac de 30 litres 🎒",
         "Randonnée au lever du soleil dans le Vercors, ça valait le réveil à 4 h ⛰️",
         "Mes adresses vegan à Montréal, la liste que vous attendiez 🌱",
         "Week-end à Bruxelles : friperies, cafés et parcs.",
         "La trousse de toilette solide qui passe partout ✈️"),
        ("Road trip en van en Bretagne", "Lisbonne en train depuis Paris",
         "Mes 10 adresses vegan à Bruxelles", "Voyager éco-responsable : mes conseils"),
        ("voyage",),
    ),
)  # fmt: skip

ENGLISH_CAPTIONS = (
    "My morning routine, simple and fully vegan 🌿",
    "Three products I keep repurchasing. Do you know them?",
    "Slow Sunday: farmers market, journaling and a long walk.",
    "Honest review after six weeks of use. Thread below 👇",
    "What I eat in a day, plant-based edition 🥗",
)

BRANDS = (
    "@graine.de.lune", "@savonnerie.du.lac", "@oleo.bio", "@kombu.paris", "@atelier.lin",
    "@les.jardins.dalix", "@cosmo.naturelle", "@pousse.pousse.fr", "@maisonverte.fr",
)  # fmt: skip

AGENCIES = (
    "Agence Lumière Talents", "Mint Influence", "Studio Colibri", "Les Éclaireuses",
    "Nouvelle Vague Management", "Talents du Nord", "Agence Pivoine",
)  # fmt: skip

TAGS = ("shortlist", "à contacter", "Q3 campagne", "déjà collaboré", "coup de cœur", "à relancer")

SOURCES = (
    "Recherche Instagram", "Salon Vegan Mania", "Recommandation agence", "Candidature spontanée",
    "Veille concurrence", "Ancienne campagne",
)  # fmt: skip

NOTES = (
    "Très réactive par email, a répondu en moins de 24 h.",
    "Tarifs reçus : story 350 €, post 600 €. À négocier pour un pack.",
    "Contenu soigné, audience très engagée en commentaires.",
    "A déjà travaillé avec une marque concurrente en 2023.",
    "Rencontrée au salon Vegan Mania, partante pour un test produit.",
    "Préfère être contactée via son agent.",
    "Audience majoritairement 25–34 ans, France et Belgique.",
    "Relancer après la rentrée.",
)

CONTROVERSIAL = (
    "J'ai repris la viande. Je vous dois la vérité, alors voilà pourquoi.",
    "Unpopular opinion : les cosmétiques vegan ne sont pas meilleurs pour la peau. "
    "Je ne les recommande plus.",
    "Oui, j'ai accepté un partenariat avec une enseigne de fast fashion. "
    "Laissez-moi m'expliquer avant de juger.",
    "Le zéro déchet est devenu un truc de privilégiés. Désolée si ça choque.",
    "Je ne crois plus aux crèmes solaires minérales, je repasse aux filtres chimiques.",
)

GIVEAWAYS = (
    "🎁 CONCOURS 🎁 Pour fêter nos {k}k, je vous fais gagner ma routine complète ! "
    "Pour participer : suivre {handle}, aimer ce post et identifier deux amies en commentaire. "
    "Tirage au sort dimanche soir, bonne chance 🍀",
    "CONCOURS ✨ Trois coffrets à gagner ! Abonnez-vous à {handle}, commentez avec votre "
    "produit préféré et partagez en story. Fin du concours dans 7 jours.",
)


def ascii_slug(text: str) -> str:
    """'Chloé Lefèvre' -> 'chloelefevre': what a handle can hold."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def person_name(rand: random.Random, country: str) -> tuple[str, str]:
    first = rand.choice(FIRST_NAMES)
    last = rand.choice(LAST_NAMES.get(country, LAST_NAMES["FR"]))
    return first, last


def email_for(rand: random.Random, first: str, last: str, handle: str) -> str:
    style = rand.random()
    if style < 0.45:
        return f"{ascii_slug(first)}.{ascii_slug(last)}@example.com"
    if style < 0.75:
        return f"contact@{ascii_slug(handle)}.example.org"
    return f"{ascii_slug(handle)}.pro@example.net"


def sponsored_caption(rand: random.Random, niche: Niche, *, disclosed: bool) -> str:
    """A sponsored caption; `disclosed` ones carry the wording French law requires."""
    brand = rand.choice(BRANDS)
    body = rand.choice(niche.captions)
    code = f"code {ascii_slug(brand).upper()[:8]}15"
    if disclosed:
        mention = rand.choice(
            (
                f"Collaboration commerciale avec {brand}.",
                f"#publicité pour {brand}",
                f"Publicité : {brand} m'a confié ses nouveautés.",
            )
        )
        return f"{body}\n\n{mention} -15 % avec le {code} 💚"
    # The abbreviations mark the post as sponsored but do not meet loi 2023-451.
    tag = rand.choice(("#sponso", "#partenariat", "#ad"))
    return f"{body}\n\nAvec {brand} {tag} -15 % avec le {code}"


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_TLD = {"FR": "fr", "BE": "be", "CH": "ch", "CA": "ca", "LU": "lu"}


def handle_for(
    rand: random.Random,
    platform: str,
    first: str,
    last: str,
    niche: Niche,
    country: str,
    taken: set[tuple[str, str]],
) -> str:
    """A believable handle for the platform, not yet used there."""
    f, la, w = ascii_slug(first), ascii_slug(last), agreeing_word(rand.choice(niche.words), first)
    if platform == "blog":
        options = [f"la{w.replace('.', '')}de{f}", f"{f}{w.replace('.', '')}", f"{f}-{la}"]
        base = f"{rand.choice(options)}.{_TLD.get(country, 'fr')}"
    elif platform == "podcast":
        options = [f"{w.replace('.', '-')}-podcast", f"les-pousses-de-{f}", f"{f}-et-{w}"]
        base = rand.choice(options).replace(".", "-")
    elif platform == "youtube":
        base = rand.choice([f"{first}{last}", f"{first}{w.title()}", f"{last}{w.title()}"])
        base = ascii_slug(base) if rand.random() < 0.3 else _camel(base)
    else:
        sep = rand.choice((".", "_", ""))
        base = rand.choice([f"{f}{sep}{w}", f"{w}{sep}{f}", f"{f}{sep}{la}", f"{f}{sep}{la[:1]}"])
    handle, n = base, 1
    while (platform, handle.lower()) in taken:
        n += 1
        stem, dot, tld = base.partition(".") if platform == "blog" else (base, "", "")
        handle = f"{stem}{n}{dot}{tld}"
    taken.add((platform, handle.lower()))
    return handle


def agreeing_word(word: str, first: str) -> str:
    """The niche word in the gender of the first name ('maman' for Théo is 'papa')."""
    return MASCULINE_WORDS.get(word, word) if first in MASCULINE_NAMES else word


def _camel(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalnum())


def post_id(rand: random.Random, platform: str) -> str:
    """An id shaped like the platform's own (shortcodes, video ids, numeric ids)."""
    if platform == "tiktok":
        return str(rand.randrange(7_000_000_000_000_000_000, 7_400_000_000_000_000_000))
    if platform == "youtube":
        return "".join(rand.choices(_ALPHABET, k=11))
    return "".join(rand.choices(_ALPHABET[:62], k=11))


def post_url(platform: str, handle: str, account_url: str, external_id: str, kind: str) -> str:
    if platform == "instagram":
        return f"https://www.instagram.com/{'reel' if kind == 'reel' else 'p'}/{external_id}/"
    if platform == "tiktok":
        return f"https://www.tiktok.com/@{handle}/video/{external_id}"
    if platform == "youtube":
        return f"https://www.youtube.com/watch?v={external_id}"
    return f"{account_url.rstrip('/')}/{external_id}"


def caption(rand: random.Random, niche: Niche, language: str) -> str:
    """An everyday caption, with a few of the niche's hashtags more often than not."""
    text = rand.choice(ENGLISH_CAPTIONS if language == "en" else niche.captions)
    if rand.random() < 0.6:
        text += "\n\n" + " ".join(rand.sample(niche.hashtags, rand.randint(2, 5)))
    return text


def title(rand: random.Random, niche: Niche, platform: str, number: int) -> str:
    topic = rand.choice(niche.titles)
    if platform == "podcast":
        return f"#{number} – {topic.capitalize() if topic.isupper() else topic}"
    if platform == "blog":
        return topic.capitalize() if topic.isupper() else topic
    return topic
