"""Vetting wing: judging a creator's audience, with the evidence for every number.

`audit` scores one creator from engagement, follower history, cadence, sponsorship and comment
signals; `presenting` turns a result into the values people and programs read; `charts` draws
the follower history and the engagement-against-tier chart; `follower_sample` audits a file of
sampled followers for fake accounts.
"""

from influent.services.vetting import audit, charts, follower_sample, presenting

__all__ = ["audit", "charts", "follower_sample", "presenting"]
