"""Each creator's audience-quality score, for sorting and filtering the creators table.

Revision ID: 0013
Revises: 0011 (until 0012 lands; then 0012)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "creator_quality",
        sa.Column("creator_id", _ID, nullable=False),
        sa.Column("workspace_id", _ID, nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("signals_used", sa.Integer(), nullable=False),
        sa.Column("score_low", sa.Integer(), nullable=True),
        sa.Column("score_high", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Float(), nullable=True),
        sa.Column("worst_flag", sa.String(length=40), nullable=True),
        sa.Column("flags", sa.String(length=300), nullable=False),
        sa.Column("computed_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creators.id"],
            name=op.f("fk_creator_quality_creator_id_creators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_creator_quality_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("creator_id", name=op.f("pk_creator_quality")),
    )
    op.create_index(
        "ix_creator_quality_ws_rank", "creator_quality", ["workspace_id", "rank"], unique=False
    )
    op.create_index(
        "ix_creator_quality_ws_score", "creator_quality", ["workspace_id", "score"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_creator_quality_ws_score", table_name="creator_quality")
    op.drop_index("ix_creator_quality_ws_rank", table_name="creator_quality")
    op.drop_table("creator_quality")
