"""Follower audits attached to creators.

Revision ID: 0014
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "follower_audits",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("creator_id", _ID, nullable=False),
        sa.Column("account_id", _ID, nullable=True),
        sa.Column("audited_at", _TIME, nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("fake_share", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_follower_audits_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_follower_audits_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_follower_audits_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follower_audits")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_follower_audits_creator_audited", "follower_audits", ["creator_id", "audited_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_follower_audits_creator_audited", table_name="follower_audits")
    op.drop_table("follower_audits")
