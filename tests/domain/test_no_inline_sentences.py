"""The domain and the analytics write no sentence of their own: words come from the catalogs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).parents[2] / "src" / "influent"
# A word with a French accent or cedilla, then a sentence around it (three words or more).
_FRENCH_WORD = re.compile(r"\b\w*[àâæçéèêëîïôœùûüÿ]\w*\b", re.IGNORECASE)
# Words the rules read rather than write (spreadsheet headers, sponsorship markers such as
# "partenariat rémunéré") are shorter than three words and pass, and so do regular
# expressions that look for words in a user's text (a draft's price or attachment).
_PATTERN = re.compile(r"\\b|\(\?:")


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def french_sentences(path: Path) -> list[tuple[int, str]]:
    """String literals (docstrings aside) that read like French sentences."""
    return [
        (line, text)
        for line, text in _literals(path)
        if _FRENCH_WORD.search(text) and len(text.split()) >= 3 and not _PATTERN.search(text)
    ]


def test_it_finds_a_french_sentence_where_there_is_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Un module écrit en français."""\n'
        'REASON = "pas de référence pour cette plateforme"\n'
        'MARKER = "publicité"\n'
        'WORDS = r"\\b(?:pièce jointe|ci-joint)\\b"\n',
        encoding="utf-8",
    )
    assert french_sentences(sample) == [(2, "pas de référence pour cette plateforme")]


def test_it_keeps_french_sentences_out_of_the_domain_and_the_analytics() -> None:
    scanned = [*sorted((SRC / "domain").rglob("*.py")), *sorted((SRC / "analytics").rglob("*.py"))]
    assert len(scanned) > 20
    found = [
        f"{path.relative_to(SRC)}:{line}: {text!r}"
        for path in scanned
        for line, text in french_sentences(path)
    ]
    assert not found, "French sentences in code (use a message code):\n" + "\n".join(found)
