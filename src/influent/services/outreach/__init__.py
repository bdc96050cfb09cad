"""Outreach wing: the campaign pipeline and the relationship work around it.

It owns opportunities (a creator in a campaign) and their stage history, contact points and
agents, touches (every outreach event, emails sent through the user's SMTP server included),
first-message drafts, follow-up rules with the due list and its calendar feed, the funnel
report and the planner. Campaigns themselves belong to `services.campaigns`.
"""

from influent.services.outreach._contacts import (
    AgentHint,
    AgentView,
    ContactView,
    add_contact_point,
    agent_hints,
    assign_agent,
    collect_hints,
    confirm_contact_point,
    contact_points,
    create_agent,
    creator_agents,
    dm_url,
)
from influent.services.outreach._drafts import (
    DRAFT_LANGUAGES,
    Draft,
    check_draft,
    default_template,
    draft_message,
    save_template,
    workspace_template,
)
from influent.services.outreach._email import (
    Sender,
    new_contacts_today,
    send_email,
    workspace_sender,
)
from influent.services.outreach._followups import (
    DueItem,
    calendar_feed,
    calendar_token,
    check_calendar_token,
    due_list,
    follow_up_rule,
    set_follow_up_rule,
)
from influent.services.outreach._funnel import funnel, funnel_history, plan
from influent.services.outreach._pipeline import (
    Card,
    OutreachError,
    add_to_campaign,
    board,
    campaign_counts,
    creator_campaigns,
    find_opportunity,
    get_opportunity,
    legal_stage_moves,
    move,
    stage_history,
    tagged_creator_ids,
)
from influent.services.outreach._touches import TouchView, log_touch, touches_of

__all__ = [
    "DRAFT_LANGUAGES",
    "AgentHint",
    "AgentView",
    "Card",
    "ContactView",
    "Draft",
    "DueItem",
    "OutreachError",
    "Sender",
    "TouchView",
    "add_contact_point",
    "add_to_campaign",
    "agent_hints",
    "assign_agent",
    "board",
    "calendar_feed",
    "calendar_token",
    "campaign_counts",
    "check_calendar_token",
    "check_draft",
    "collect_hints",
    "confirm_contact_point",
    "contact_points",
    "create_agent",
    "creator_agents",
    "creator_campaigns",
    "default_template",
    "dm_url",
    "draft_message",
    "due_list",
    "find_opportunity",
    "follow_up_rule",
    "funnel",
    "funnel_history",
    "get_opportunity",
    "legal_stage_moves",
    "log_touch",
    "move",
    "new_contacts_today",
    "plan",
    "save_template",
    "send_email",
    "set_follow_up_rule",
    "stage_history",
    "tagged_creator_ids",
    "touches_of",
    "workspace_sender",
    "workspace_template",
]
