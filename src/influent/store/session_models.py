"""Login sessions kept on the server, so that ending one takes effect at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from influent.store.models import ID, Base, utcnow

__all__ = ["UserSession"]


class UserSession(Base):
    """One logged-in browser. The cookie carries a random token; only its digest is kept.

    Deleting the row ends the session: logout deletes one, a password change, a deactivation
    or "log out everywhere" delete all of a user's rows.
    """

    __tablename__ = "user_sessions"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The workspace this browser is looking at (the switcher); None: the user's first one.
    workspace_id: Mapped[int | None] = mapped_column(
        ForeignKey("workspaces.id", ondelete="SET NULL")
    )
    address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
