"""Deterministic generated data for the benchmarks."""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

PLATFORMS = ["instagram", "youtube", "tiktok", "blog", "podcast"]
COUNTRIES = ["FR", "BE", "CH", "CA", "US", "GB", "DE", "ES", "IT", "MA"]
LANGUAGES = ["fr", "en", "de", "es", "it"]
CATEGORIES = ["beauté", "cuisine", "voyage", "sport", "tech", "mode", "parentalité", "jeux vidéo"]
FIRST = ["Marie", "Lucas", "Chloé", "Hugo", "Léa", "Nathan", "Camille", "Louis", "Manon", "Jules"]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
]


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def creators_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """A creators CSV like a marketer's export: French headers, typed-in numbers."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Nom",
                "Pseudo",
                "Plateforme",
                "Abonnés",
                "Taux d'engagement",
                "Email",
                "Pays",
                "Langue",
                "Catégorie",
            ]
        )
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            # Handles and emails are ASCII, as the platforms require; names keep their accents.
            user = f"{_ascii(first)}.{_ascii(last)}{i}"
            followers = int(rng.lognormvariate(9.5, 1.6))
            writer.writerow(
                [
                    f"{first} {last}",
                    f"@{user}",
                    PLATFORMS[i % 5],
                    followers,
                    f"{rng.uniform(0.5, 9):.1f}%",
                    f"{user}@example.com",
                    rng.choice(COUNTRIES),
                    rng.choice(LANGUAGES),
                    rng.choice(CATEGORIES),
                ]
            )
    return path
