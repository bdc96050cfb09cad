"""Brand fit wing: briefs, multilingual relevance, brand safety, the shortlist, lookalikes.

It owns the `briefs` table and the creators' stored text embeddings (`content_vectors`,
refreshed incrementally when a text changes), and ranks a workspace's creators against a
brief: fit (embeddings and BM25 words), vetting quality, engagement percentile, reach,
language, country, budget and brand safety, each part shown and missing parts said.
It also owns the customer survey: answers, the names in them matched to known creators, and
the identified leads the other names become. From `INDEX_FROM` creators on, the shortlist's
first stage is a creator index kept in the data folder (`_index`), rebuilt nightly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.brandfit._briefs import (
        BriefData,
        BriefError,
        brief_from_form,
        brief_from_toml,
        brief_to_toml,
        delete_brief,
        find_brief,
        format_budget,
        list_briefs,
        parse_budget,
        save_brief,
    )
    from influent.services.brandfit._content import Refreshed, refresh_vectors
    from influent.services.brandfit._index import (
        INDEX_FROM,
        build_workspace_index,
        refresh_workspace_index,
    )
    from influent.services.brandfit._safety import Flag
    from influent.services.brandfit._shortlist import (
        Lookalike,
        Shortlist,
        ShortlistRow,
        lookalikes,
        parse_weights,
        shortlist,
    )
    from influent.services.brandfit._survey import (
        MAX_SURVEY_BYTES,
        Lead,
        SurveyError,
        SurveyImport,
        import_survey_csv,
        submit_answer,
        survey_leads,
        survey_slug,
        survey_workspace,
    )

__all__ = [
    "INDEX_FROM",
    "MAX_SURVEY_BYTES",
    "BriefData",
    "BriefError",
    "Flag",
    "Lead",
    "Lookalike",
    "Refreshed",
    "Shortlist",
    "ShortlistRow",
    "SurveyError",
    "SurveyImport",
    "brief_from_form",
    "brief_from_toml",
    "brief_to_toml",
    "build_workspace_index",
    "delete_brief",
    "find_brief",
    "format_budget",
    "import_survey_csv",
    "list_briefs",
    "lookalikes",
    "parse_budget",
    "parse_weights",
    "refresh_vectors",
    "refresh_workspace_index",
    "save_brief",
    "shortlist",
    "submit_answer",
    "survey_leads",
    "survey_slug",
    "survey_workspace",
]

lazy_wing(
    __name__,
    {
        "BriefData": "influent.services.brandfit._briefs",
        "BriefError": "influent.services.brandfit._briefs",
        "brief_from_form": "influent.services.brandfit._briefs",
        "brief_from_toml": "influent.services.brandfit._briefs",
        "brief_to_toml": "influent.services.brandfit._briefs",
        "delete_brief": "influent.services.brandfit._briefs",
        "find_brief": "influent.services.brandfit._briefs",
        "format_budget": "influent.services.brandfit._briefs",
        "list_briefs": "influent.services.brandfit._briefs",
        "parse_budget": "influent.services.brandfit._briefs",
        "save_brief": "influent.services.brandfit._briefs",
        "Refreshed": "influent.services.brandfit._content",
        "refresh_vectors": "influent.services.brandfit._content",
        "INDEX_FROM": "influent.services.brandfit._index",
        "build_workspace_index": "influent.services.brandfit._index",
        "refresh_workspace_index": "influent.services.brandfit._index",
        "Flag": "influent.services.brandfit._safety",
        "Lookalike": "influent.services.brandfit._shortlist",
        "Shortlist": "influent.services.brandfit._shortlist",
        "ShortlistRow": "influent.services.brandfit._shortlist",
        "lookalikes": "influent.services.brandfit._shortlist",
        "parse_weights": "influent.services.brandfit._shortlist",
        "shortlist": "influent.services.brandfit._shortlist",
        "MAX_SURVEY_BYTES": "influent.services.brandfit._survey",
        "Lead": "influent.services.brandfit._survey",
        "SurveyError": "influent.services.brandfit._survey",
        "SurveyImport": "influent.services.brandfit._survey",
        "import_survey_csv": "influent.services.brandfit._survey",
        "submit_answer": "influent.services.brandfit._survey",
        "survey_leads": "influent.services.brandfit._survey",
        "survey_slug": "influent.services.brandfit._survey",
        "survey_workspace": "influent.services.brandfit._survey",
    },
)
