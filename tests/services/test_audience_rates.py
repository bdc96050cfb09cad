"""The follower audit says which error rates it used, in both languages."""

from __future__ import annotations

from pathlib import Path

from influent.services.i18n import Translator
from influent.services.vetting.follower_sample import audit_follower_sample, rates_sentences


def sample(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sample.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_names_the_columns_and_rates_behind_the_correction(tmp_path: Path) -> None:
    result = audit_follower_sample(
        sample(tmp_path, "Abonnés;Abonnements;Publications\n1200;300;85\n3;7500;0\n")
    )
    (english,) = rates_sentences(result, Translator("en"))
    assert "only these columns are known: counts (posts, followers, following)." in english
    assert "70% of fakes caught and 10% of real accounts flagged" in english
    assert "on 1,006 labelled accounts (282 fakes)" in english
    (french,) = rates_sentences(result, Translator("fr"))
    assert (
        "seules ces colonnes sont connues\u00a0: nombres (publications, abonnés, abonnements)"
        in (french)
    )
    assert "70\u00a0% des faux repérés et 10\u00a0% des comptes réels signalés à tort" in french


def test_it_gives_each_column_profile_its_share_of_the_rows(tmp_path: Path) -> None:
    result = audit_follower_sample(
        sample(
            tmp_path,
            "followers,following,has_profile_picture\n1200,300,yes\n3,7500,\n40,900,no\n",
        )
    )
    lines = rates_sentences(result, Translator("en"))
    assert len(lines) == 2
    assert lines[0].startswith("67% of the rows: Error rates measured")
    assert "counts (posts, followers, following) and flags (profile picture, private)" in lines[0]
    assert lines[1].startswith("33% of the rows: ")


def test_it_warns_when_the_columns_tell_fakes_from_real_accounts_poorly(tmp_path: Path) -> None:
    result = audit_follower_sample(sample(tmp_path, "username\njean\nuser84756392\n"))
    lines = rates_sentences(result, Translator("en"))
    assert lines[-1].startswith("With these columns the model tells fakes from real accounts")
    assert "read the interval rather than the estimate" in lines[-1]
    french = rates_sentences(result, Translator("fr"))[-1]
    assert french.startswith("Avec ces colonnes, le modèle distingue mal")
    counts = audit_follower_sample(sample(tmp_path, "followers,following\n120,300\n"))
    assert not any("poorly" in line for line in rates_sentences(counts, Translator("en")))
