"""The central object the CLI and the web app share: settings, database and sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from influent.settings import Settings, get_settings
from influent.store import bulk_staging
from influent.store.db import (
    current_revision,
    make_engine,
    make_sessionmaker,
    session_scope,
    upgrade,
)

__all__ = ["Influent", "settings_of"]


class Influent:
    """One instance per process; hand it to commands and views."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        # Scratch files of imports killed mid-way (kill -9, power loss) go at start-up.
        bulk_staging.remove_leftovers(self.staging_dir)

    @property
    def staging_dir(self) -> Path:
        """Scratch databases of big imports, one subfolder per process."""
        return self.settings.data_dir / "staging"

    def upload_dir(self) -> Path:
        """The private folder (0700) uploads wait in between the import wizard's steps."""
        folder = self.settings.data_dir / "uploads"
        for level in (self.settings.data_dir, folder):
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
            level.chmod(0o700)
        return folder

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        # Each unit of work carries the settings of the app it belongs to, so that a service
        # deep in a call reads this app's configuration, never a process-wide global.
        return make_sessionmaker(
            self.engine, info={"settings": self.settings}, staging_dir=self.staging_dir
        )

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


def settings_of(session: Session) -> Settings:
    """The settings of the Influent app that opened `session`."""
    settings = session.info.get("settings")
    if not isinstance(settings, Settings):
        raise RuntimeError("this session was not opened by an Influent app; use Influent.session()")
    return settings
