"""Vetting wing: judging a creator's audience, with the evidence for every number.

By concept: `audit` scores creators from engagement, follower history, cadence, sponsorship and
comment signals; `history` builds an account's daily follower series and its events;
`follower_sample` audits a file of sampled followers for fake accounts and `follower_audits`
keeps such an audit with its creator, as their fake-follower signal; `results` holds what
they find, `presenting` turns it into the values people and programs read, `charts` draws
the follower history and the engagement-against-tier chart, and `chart_cache` keeps drawn
charts on disk under a key of what they show. The faces use the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.analytics.changepoints import EventExplanation
    from influent.domain.benchmarks import TierPercentile
    from influent.services.creators.profiles import NotFound
    from influent.services.vetting import charts
    from influent.services.vetting.audit import (
        audit_account,
        audit_creator,
        audit_creator_with_history,
        audit_workspace,
    )
    from influent.services.vetting.chart_cache import (
        cached_chart,
        history_chart_key,
        kept_chart,
        tier_chart_key,
    )
    from influent.services.vetting.follower_audits import (
        attach_follower_audit,
        audit_upload_for,
        latest_follower_audit,
    )
    from influent.services.vetting.follower_sample import (
        SampleError,
        SampleRefused,
        audit_follower_sample,
        audit_follower_upload,
        rates_sentences,
    )
    from influent.services.vetting.history import history
    from influent.services.vetting.presenting import (
        audit_to_dict,
        history_to_dict,
        signal_value,
        to_plain,
    )
    from influent.services.vetting.results import (
        HISTORY_DAYS,
        AccountAudit,
        CreatorAudit,
        DailyPoint,
        History,
        StoredAudit,
        WeekRow,
    )

__all__ = [
    "HISTORY_DAYS",
    "AccountAudit",
    "CreatorAudit",
    "DailyPoint",
    "EventExplanation",
    "History",
    "NotFound",
    "SampleError",
    "SampleRefused",
    "StoredAudit",
    "TierPercentile",
    "WeekRow",
    "attach_follower_audit",
    "audit_account",
    "audit_creator",
    "audit_creator_with_history",
    "audit_follower_sample",
    "audit_follower_upload",
    "audit_to_dict",
    "audit_upload_for",
    "audit_workspace",
    "cached_chart",
    "charts",
    "history",
    "history_chart_key",
    "history_to_dict",
    "kept_chart",
    "latest_follower_audit",
    "rates_sentences",
    "signal_value",
    "tier_chart_key",
    "to_plain",
]

lazy_wing(
    __name__,
    {
        "EventExplanation": "influent.analytics.changepoints",
        "TierPercentile": "influent.domain.benchmarks",
        "NotFound": "influent.services.creators.profiles",
        "charts": "influent.services.vetting.charts:",
        "cached_chart": "influent.services.vetting.chart_cache",
        "history_chart_key": "influent.services.vetting.chart_cache",
        "kept_chart": "influent.services.vetting.chart_cache",
        "tier_chart_key": "influent.services.vetting.chart_cache",
        "audit_account": "influent.services.vetting.audit",
        "audit_creator": "influent.services.vetting.audit",
        "audit_creator_with_history": "influent.services.vetting.audit",
        "audit_workspace": "influent.services.vetting.audit",
        "attach_follower_audit": "influent.services.vetting.follower_audits",
        "audit_upload_for": "influent.services.vetting.follower_audits",
        "latest_follower_audit": "influent.services.vetting.follower_audits",
        "StoredAudit": "influent.services.vetting.results",
        "SampleError": "influent.services.vetting.follower_sample",
        "SampleRefused": "influent.services.vetting.follower_sample",
        "audit_follower_sample": "influent.services.vetting.follower_sample",
        "audit_follower_upload": "influent.services.vetting.follower_sample",
        "rates_sentences": "influent.services.vetting.follower_sample",
        "history": "influent.services.vetting.history",
        "audit_to_dict": "influent.services.vetting.presenting",
        "history_to_dict": "influent.services.vetting.presenting",
        "signal_value": "influent.services.vetting.presenting",
        "to_plain": "influent.services.vetting.presenting",
        "HISTORY_DAYS": "influent.services.vetting.periods",
        "AccountAudit": "influent.services.vetting.results",
        "CreatorAudit": "influent.services.vetting.results",
        "DailyPoint": "influent.services.vetting.results",
        "History": "influent.services.vetting.results",
        "WeekRow": "influent.services.vetting.results",
    },
)
