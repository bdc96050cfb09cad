"""Outreach: opportunities and their stage history, contact points, agents, touches,
follow-up rules and message templates.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("created_at", influent.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_agents_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agents_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "message_templates",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", influent.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_message_templates_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
        sa.UniqueConstraint(
            "workspace_id", "language", name=op.f("uq_message_templates_workspace_id_language")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "agent_creators",
        sa.Column("agent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "creator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_agent_creators_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_agent_creators_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agent_id", "creator_id", name=op.f("pk_agent_creators")),
    )
    with op.batch_alter_table("agent_creators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agent_creators_creator_id"), ["creator_id"], unique=False
        )

    op.create_table(
        "contact_points",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "creator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=1000), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", influent.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_contact_points_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_contact_points_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_points")),
        sa.UniqueConstraint(
            "creator_id", "kind", "value", name=op.f("uq_contact_points_creator_id_kind_value")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "follow_up_settings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "campaign_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("after_days", sa.Integer(), nullable=False),
        sa.Column("max_follow_ups", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_follow_up_settings_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_settings")),
        sa.UniqueConstraint("campaign_id", name=op.f("uq_follow_up_settings_campaign_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "opportunities",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "campaign_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "creator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("lost_reason", sa.String(length=20), nullable=True),
        sa.Column("lost_from", sa.String(length=20), nullable=True),
        sa.Column(
            "stage_changed_at", influent.store.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("created_at", influent.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_opportunities_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_opportunities_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunities_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
        sa.UniqueConstraint(
            "campaign_id", "creator_id", name=op.f("uq_opportunities_campaign_id_creator_id")
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunities_creator_id"), ["creator_id"], unique=False
        )
        batch_op.create_index("ix_opportunities_ws_stage", ["workspace_id", "stage"], unique=False)

    op.create_table(
        "stage_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("from_stage", sa.String(length=20), nullable=True),
        sa.Column("to_stage", sa.String(length=20), nullable=False),
        sa.Column("lost_reason", sa.String(length=20), nullable=True),
        sa.Column("at", influent.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_stage_changes_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_stage_changes_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stage_changes_opportunity_id"), ["opportunity_id"], unique=False
        )

    op.create_table(
        "touches",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "creator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("at", influent.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("first_contact", sa.Boolean(), nullable=False),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=True),
        sa.Column("message_id", sa.String(length=300), nullable=True),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_touches_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_touches_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_touches_user_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_touches_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_touches")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("touches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_touches_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_touches_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index("ix_touches_ws_at", ["workspace_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("touches", schema=None) as batch_op:
        batch_op.drop_index("ix_touches_ws_at")
        batch_op.drop_index(batch_op.f("ix_touches_opportunity_id"))
        batch_op.drop_index(batch_op.f("ix_touches_creator_id"))

    op.drop_table("touches")
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_changes_opportunity_id"))

    op.drop_table("stage_changes")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunities_ws_stage")
        batch_op.drop_index(batch_op.f("ix_opportunities_creator_id"))

    op.drop_table("opportunities")
    op.drop_table("follow_up_settings")
    op.drop_table("contact_points")
    with op.batch_alter_table("agent_creators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_creators_creator_id"))

    op.drop_table("agent_creators")
    op.drop_table("message_templates")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agents_workspace_id"))

    op.drop_table("agents")
