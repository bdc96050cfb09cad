"""Sources: per-workspace credentials, discovery provenance, quota use, feed addresses.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "source_credentials",
        sa.Column("id", _ID, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("secrets", sa.JSON(), nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_source_credentials_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_credentials")),
        sa.UniqueConstraint(
            "workspace_id", "source", name=op.f("uq_source_credentials_workspace_id_source")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "discoveries",
        sa.Column("id", _ID, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("creator_id", _ID, nullable=False),
        sa.Column("account_id", _ID, nullable=False),
        sa.Column("query", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("found_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_discoveries_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_discoveries_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_discoveries_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discoveries")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("discoveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_discoveries_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index("ix_discoveries_ws_found", ["workspace_id", "found_at"], unique=False)

    op.create_table(
        "quota_usage",
        sa.Column("id", _ID, nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quota_usage")),
        sa.UniqueConstraint("source", "day", name=op.f("uq_quota_usage_source_day")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "account_feeds",
        sa.Column("id", _ID, nullable=False),
        sa.Column("account_id", _ID, nullable=False),
        sa.Column("feed_url", sa.String(length=1000), nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_feeds_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_feeds")),
        sa.UniqueConstraint("account_id", name=op.f("uq_account_feeds_account_id")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("account_feeds")
    op.drop_table("quota_usage")
    with op.batch_alter_table("discoveries", schema=None) as batch_op:
        batch_op.drop_index("ix_discoveries_ws_found")
        batch_op.drop_index(batch_op.f("ix_discoveries_creator_id"))
    op.drop_table("discoveries")
    op.drop_table("source_credentials")
