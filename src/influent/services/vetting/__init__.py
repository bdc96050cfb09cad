"""Vetting wing: judging a creator's audience, with the evidence for every number.

By concept: `audit` scores creators from engagement, follower history, cadence, sponsorship and
comment signals; `history` builds an account's daily follower series and its events;
`follower_sample` audits a file of sampled followers for fake accounts and `follower_audits`
keeps such an audit with its creator, as their fake-follower signal; `results` holds what
they find, `presenting` turns it into the values people and programs read, and `charts` draws
the follower history and the engagement-against-tier chart. The faces use the names below.
"""

from influent.analytics.changepoints import EventExplanation
from influent.domain.benchmarks import TierPercentile
from influent.services.creators.profiles import NotFound
from influent.services.vetting import charts
from influent.services.vetting.audit import audit_account, audit_creator, audit_workspace
from influent.services.vetting.follower_audits import attach_follower_audit, latest_follower_audit
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
    "audit_follower_sample",
    "audit_follower_upload",
    "audit_to_dict",
    "audit_workspace",
    "charts",
    "history",
    "history_to_dict",
    "latest_follower_audit",
    "rates_sentences",
    "signal_value",
    "to_plain",
]
