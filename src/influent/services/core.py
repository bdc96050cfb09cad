"""The central object the CLI and the web app share: settings, database and sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from influent.settings import Settings, get_settings
from influent.store.db import (
    current_revision,
    make_engine,
    make_sessionmaker,
    session_scope,
    upgrade,
)

__all__ = ["Influent"]


class Influent:
    """One instance per process; hand it to commands and views."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_sessionmaker(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with session_scope(self.sessions) as session:
            yield session

    def upgrade(self) -> None:
        """Apply every pending migration."""
        upgrade(self.settings.database_url)

    def revision(self) -> str | None:
        return current_revision(self.engine)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
