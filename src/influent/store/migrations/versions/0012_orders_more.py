"""A visitor's clicks by index: attribution reads them for every order that carries a visitor.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_link_clicks_visitor_at", "link_clicks", ["visitor", "at"])


def downgrade() -> None:
    op.drop_index("ix_link_clicks_visitor_at", table_name="link_clicks")
