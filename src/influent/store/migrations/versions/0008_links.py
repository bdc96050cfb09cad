"""Tracked links: links, their clicks (no IP addresses), daily rollups, visitors and day salts.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def _link_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["link_id"], ["links.id"], name=op.f(f"fk_{table}_link_id_links"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "visitor_salts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_visitor_salts")),
    )
    op.create_table(
        "links",
        sa.Column("id", _ID, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("campaign_id", _ID, nullable=False),
        sa.Column("creator_id", _ID, nullable=True),
        sa.Column("created_by", _ID, nullable=True),
        sa.Column("platform", sa.String(length=20), nullable=True),
        sa.Column("handle", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("key_lower", sa.String(length=64), nullable=False),
        sa.Column("destination", sa.String(length=2000), nullable=False),
        sa.Column("utm_source", sa.String(length=200), nullable=True),
        sa.Column("utm_medium", sa.String(length=200), nullable=True),
        sa.Column("utm_campaign", sa.String(length=200), nullable=True),
        sa.Column("utm_content", sa.String(length=200), nullable=True),
        sa.Column("utm_term", sa.String(length=200), nullable=True),
        sa.Column("target_url", sa.String(length=3000), nullable=False),
        sa.Column("clicks_human", sa.BigInteger(), nullable=False),
        sa.Column("clicks_bot", sa.BigInteger(), nullable=False),
        sa.Column("visitors", sa.BigInteger(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_links_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_links_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_links_creator_id_creators"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_links_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_links")),
        sa.UniqueConstraint("key_lower", name=op.f("uq_links_key_lower")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_links_creator_id", "links", ["creator_id"])
    op.create_index("ix_links_workspace_campaign", "links", ["workspace_id", "campaign_id"])
    op.create_table(
        "link_clicks",
        sa.Column("id", _ID, nullable=False),
        sa.Column("link_id", _ID, nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.Column("visitor", sa.String(length=32), nullable=False),
        sa.Column("is_bot", sa.Boolean(), nullable=False),
        sa.Column("agent", sa.String(length=20), nullable=False),
        _link_fk("link_clicks"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_clicks")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_link_clicks_link_at", "link_clicks", ["link_id", "at"])
    op.create_table(
        "link_days",
        sa.Column("link_id", _ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("human", sa.BigInteger(), nullable=False),
        sa.Column("bot", sa.BigInteger(), nullable=False),
        sa.Column("visitors", sa.BigInteger(), nullable=False),
        _link_fk("link_days"),
        sa.PrimaryKeyConstraint("link_id", "day", name=op.f("pk_link_days")),
    )
    op.create_table(
        "link_visitors",
        sa.Column("link_id", _ID, nullable=False),
        sa.Column("visitor", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _link_fk("link_visitors"),
        sa.PrimaryKeyConstraint("link_id", "visitor", name=op.f("pk_link_visitors")),
    )
    op.create_index(op.f("ix_link_visitors_day"), "link_visitors", ["day"])


def downgrade() -> None:
    op.drop_table("link_visitors")
    op.drop_table("link_days")
    op.drop_table("link_clicks")
    op.drop_table("links")
    op.drop_table("visitor_salts")
