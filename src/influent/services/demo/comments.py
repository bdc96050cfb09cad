"""Comment samples for the demo workspace: what real audiences write, and what bots write.

Pure and seeded like the rest of the demo. Creators whose story is bought followers or an
engagement pod get mostly generic, emoji-only and copied comments, as such audiences do;
everyone else gets varied questions and reactions, with the ordinary sprinkling of "trop
beau" and hearts, so the comment-authenticity signal has something true to find.
"""

from __future__ import annotations

import random

from influent.services.demo.simulation import Story

__all__ = ["COMMENTS_PER_POST", "POSTS_SAMPLED", "sample_comments"]

POSTS_SAMPLED = 3
COMMENTS_PER_POST = 8

_SUSPICIOUS_STORIES = {Story.BOUGHT_FOLLOWERS, Story.ENGAGEMENT_POD}

_OPENERS = {
    "fr": ["", "Coucou ! ", "Hello, ", "Merci ", "Trop bien, ", "Question : "],
    "en": ["", "Hi! ", "Hey, ", "Thanks, ", "Love this, ", "Quick question: "],
}
_BODIES = {
    "fr": [
        "tu l'utilises le matin ou le soir ?",
        "je cherchais exactement ça pour ma peau sensible",
        "est-ce que ça convient aux peaux grasses ?",
        "j'ai testé après ta dernière vidéo et je ne regrette pas",
        "tu as un code pour la boutique ?",
        "le packaging est recyclable ?",
        "combien de temps dure un flacon chez toi ?",
        "ma sœur l'a adoré aussi",
        "tu pourrais faire une routine du soir complète ?",
        "c'est vegan aussi pour la cire ?",
        "j'attendais cette vidéo depuis des semaines",
        "on le trouve en magasin bio ?",
        "la texture a l'air super légère",
        "ça pique un peu les yeux ou pas du tout ?",
        "tu compares avec l'ancienne formule ?",
        "je vais l'offrir à ma mère pour Noël",
        "enfin quelqu'un qui parle des ingrédients",
        "ça tient toute la journée sous le masque ?",
        "ton avis sur la version sans parfum ?",
        "tu as remarqué une différence après un mois ?",
    ],
    "en": [
        "do you use it morning or night?",
        "I was looking for exactly this for sensitive skin",
        "does it work on oily skin?",
        "I tried it after your last video and love it",
        "do you have a code for the shop?",
        "is the packaging recyclable?",
        "how long does a bottle last you?",
        "my sister loved it too",
        "could you do a full evening routine?",
        "is the wax vegan as well?",
        "been waiting for this video for weeks",
        "can you find it in organic stores?",
        "the texture looks so light",
        "does it sting the eyes at all?",
        "how does it compare with the old formula?",
        "getting this for my mum for Christmas",
        "finally someone who talks about ingredients",
        "does it last all day?",
        "what do you think of the fragrance-free one?",
        "did you notice a difference after a month?",
    ],
}
_CLOSERS = ["", " 🙏", " Merci !", " 😍", " Bisous"]
_GENERIC = [
    "Nice pic!",
    "Love it ❤️",
    "Amazing",
    "Trop beau",
    "Magnifique",
    "wow",
    "so cute",
    "Super !",
    "🔥🔥🔥",
    "😍😍",
    "❤️❤️❤️",
    "👏👏",
]


def sample_comments(
    rand: random.Random, story: Story | None, language: str, count: int
) -> list[str]:
    """`count` comments for one account's sampled posts."""
    lang = "fr" if language == "fr" else "en"
    suspicious_share = 0.7 if story in _SUSPICIOUS_STORIES else 0.08
    combos = [(o, b, c) for o in _OPENERS[lang] for b in _BODIES[lang] for c in _CLOSERS]
    genuine = iter(rand.sample(combos, k=min(count, len(combos))))
    # Exactly that share, at random places: a sample of 24 should not swing by chance.
    flagged = set(rand.sample(range(count), k=round(count * suspicious_share)))
    comments: list[str] = []
    for n in range(count):
        if n in flagged:
            # Bots and pods repeat themselves: half of their comments copy an earlier one.
            if comments and rand.random() < 0.5:
                comments.append(rand.choice(comments))
            else:
                comments.append(rand.choice(_GENERIC))
        else:
            opener, body, closer = next(genuine)
            text = f"{opener}{body}{closer}"
            comments.append(text[0].upper() + text[1:])
    return comments
