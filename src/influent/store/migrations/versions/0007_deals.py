"""Deals: deliverables, the negotiation and status history, promo codes, campaign discounts.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "promo_codes",
        sa.Column("id", _ID, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("campaign_id", _ID, nullable=True),
        sa.Column("creator_id", _ID, nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("percent_off", sa.Integer(), nullable=True),
        sa.Column("amount_off_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("usage_limit", sa.Integer(), nullable=True),
        sa.Column("times_used", sa.Integer(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        _fk("promo_codes", "workspace_id", "workspaces", "CASCADE"),
        _fk("promo_codes", "campaign_id", "campaigns", "SET NULL"),
        _fk("promo_codes", "creator_id", "creators", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_codes")),
        sa.UniqueConstraint("workspace_id", "code", name=op.f("uq_promo_codes_workspace_id_code")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_promo_codes_campaign_id"), "promo_codes", ["campaign_id"])
    op.create_index(op.f("ix_promo_codes_creator_id"), "promo_codes", ["creator_id"])
    op.create_table(
        "campaign_discounts",
        sa.Column("id", _ID, nullable=False),
        sa.Column("campaign_id", _ID, nullable=False),
        sa.Column("tier", sa.String(length=10), nullable=True),
        sa.Column("percent_off", sa.Integer(), nullable=False),
        _fk("campaign_discounts", "campaign_id", "campaigns", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_discounts")),
        sa.UniqueConstraint(
            "campaign_id", "tier", name=op.f("uq_campaign_discounts_campaign_id_tier")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "deals",
        sa.Column("id", _ID, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("campaign_id", _ID, nullable=False),
        sa.Column("creator_id", _ID, nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("gifted_value_minor", sa.BigInteger(), nullable=True),
        sa.Column("commission_per_order_minor", sa.BigInteger(), nullable=True),
        sa.Column("promo_code_id", _ID, nullable=True),
        sa.Column("landing_url", sa.String(length=2000), nullable=True),
        sa.Column("estimate_low_minor", sa.BigInteger(), nullable=True),
        sa.Column("estimate_point_minor", sa.BigInteger(), nullable=True),
        sa.Column("estimate_high_minor", sa.BigInteger(), nullable=True),
        sa.Column("discount_reason", sa.Text(), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        _fk("deals", "workspace_id", "workspaces", "CASCADE"),
        _fk("deals", "campaign_id", "campaigns", "CASCADE"),
        _fk("deals", "creator_id", "creators", "CASCADE"),
        _fk("deals", "promo_code_id", "promo_codes", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deals")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_deals_workspace_id"), "deals", ["workspace_id"])
    op.create_index(op.f("ix_deals_campaign_id"), "deals", ["campaign_id"])
    op.create_index(op.f("ix_deals_creator_id"), "deals", ["creator_id"])
    op.create_table(
        "deal_deliverables",
        sa.Column("id", _ID, nullable=False),
        sa.Column("deal_id", _ID, nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("story_link", sa.Boolean(), nullable=False),
        sa.Column("creative_freedom", sa.Text(), nullable=True),
        _fk("deal_deliverables", "deal_id", "deals", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_deliverables")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_deal_deliverables_deal_id"), "deal_deliverables", ["deal_id"])
    op.create_table(
        "deal_events",
        sa.Column("id", _ID, nullable=False),
        sa.Column("deal_id", _ID, nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("to_status", sa.String(length=12), nullable=True),
        sa.Column("party", sa.String(length=10), nullable=True),
        sa.Column("fee_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author_id", _ID, nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        _fk("deal_events", "deal_id", "deals", "CASCADE"),
        _fk("deal_events", "author_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_events")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_deal_events_deal_id"), "deal_events", ["deal_id"])


def downgrade() -> None:
    op.drop_table("deal_events")
    op.drop_table("deal_deliverables")
    op.drop_table("deals")
    op.drop_table("campaign_discounts")
    op.drop_table("promo_codes")
