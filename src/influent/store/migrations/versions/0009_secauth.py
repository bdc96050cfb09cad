"""Server-side login sessions; source keys encrypted in place.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import influent.store.models
from influent.settings import Settings
from influent.store import data_keys

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = influent.store.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("workspace_id", _ID, nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_seen_at", _TIME, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_user_sessions_workspace_id_workspaces"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_user_sessions_user_id"), "user_sessions", ["user_id"], unique=False)
    _rewrite_source_keys(encrypt=True)


def _rewrite_source_keys(*, encrypt: bool) -> None:
    """Encrypt (or, going down, decrypt) every saved source key in place."""
    table = sa.table("source_credentials", sa.column("id", _ID), sa.column("secrets", sa.JSON))
    bind = op.get_bind()
    rows = bind.execute(sa.select(table.c.id, table.c.secrets)).all()
    if not rows:
        return  # a fresh database needs no key yet
    settings = Settings()
    box = data_keys.fernet(settings.data_dir, settings.encryption_key)
    for row_id, secrets in rows:
        changed = {}
        for name, value in (secrets or {}).items():
            text = str(value)
            is_encrypted = text.startswith(data_keys.ENCRYPTED_PREFIX)
            if encrypt and not is_encrypted:
                text = data_keys.encrypt_text(box, text)
            elif not encrypt and is_encrypted:
                text = data_keys.decrypt_text(box, text)
            changed[name] = text
        if changed != (secrets or {}):
            bind.execute(table.update().where(table.c.id == row_id).values(secrets=changed))


def downgrade() -> None:
    _rewrite_source_keys(encrypt=False)
    op.drop_index(op.f("ix_user_sessions_user_id"), table_name="user_sessions")
    op.drop_table("user_sessions")
