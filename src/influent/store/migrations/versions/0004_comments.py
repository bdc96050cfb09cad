"""Comment samples of posts, for the comment-authenticity signal.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", _ID, nullable=False),
        sa.Column("post_id", _ID, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("published_at", _TIME, nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("fetched_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_comments_post_id_posts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_comments_post_source", "comments", ["post_id", "source"])


def downgrade() -> None:
    op.drop_index("ix_comments_post_source", table_name="comments")
    op.drop_table("comments")
