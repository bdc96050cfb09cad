"""Search words split letters from digits; a covering index for the platform filter.

The search text now keeps 'durand92' as 'durand 92', so a search for 'durand' no longer
expands to every numbered handle. Existing creators get their search text recomputed
(the text-search index follows through its triggers on SQLite, by itself on PostgreSQL).
The accounts' creator_id index gains the platform, so the creators table's platform
filter reads the index alone.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from influent.domain.rows import search_text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    op.drop_index("ix_accounts_creator_id", table_name="accounts")
    op.create_index("ix_accounts_creator_platform", "accounts", ["creator_id", "platform"])
    _recompute_search_text()


def downgrade() -> None:
    op.drop_index("ix_accounts_creator_platform", table_name="accounts")
    op.create_index("ix_accounts_creator_id", "accounts", ["creator_id"])


def _recompute_search_text() -> None:
    bind = op.get_bind()
    last = 0
    while True:
        creators = bind.execute(
            sa.text(
                "SELECT id, name, email, category, search_text FROM creators "
                "WHERE id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": _BATCH},
        ).all()
        if not creators:
            return
        last = creators[-1].id
        handles: dict[int, list[str]] = defaultdict(list)
        for creator_id, handle in bind.execute(
            sa.text(
                "SELECT creator_id, handle FROM accounts WHERE creator_id BETWEEN :a AND :b "
                "ORDER BY creator_id, id"
            ),
            {"a": creators[0].id, "b": last},
        ):
            handles[creator_id].append(handle)
        changed = [
            {"id": c.id, "text": new}
            for c in creators
            if (new := search_text(c.name, *handles[c.id], c.email, c.category)) != c.search_text
        ]
        if changed:
            bind.execute(sa.text("UPDATE creators SET search_text = :text WHERE id = :id"), changed)
