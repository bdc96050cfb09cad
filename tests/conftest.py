"""Shared fixtures: real databases (SQLite and PostgreSQL), a workspace and three users.

Every test that asks for `influent` runs twice, once per backend. PostgreSQL is the local
server (INFLUENT_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres);
each run gets a throwaway database. With CI=true a skipped test fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings, get_settings
from influent.store.db import upgrade
from influent.store.models import Base
from influent_testing import IN_CI, PASSWORD, Team

POSTGRES_ADMIN_URL = os.environ.get(
    "INFLUENT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # In CI a skipped backend or browser test is a failure, not a shrug.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} skipped tests count as failures.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Keys Influent generates (session secret, encryption key) go to the test's own folder,
    # never to the working folder.
    monkeypatch.setenv("INFLUENT_DATA_DIR", str(tmp_path / "influent-data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Production argon2 costs about a second per hash on a busy CI machine, and every test
    # with a team creates four users (the web tests log in too); the cheapest parameters keep
    # the same code path.
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once is much faster)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database, migrated once and dropped at the end."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"influent_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # pragma: no cover - depends on the machine
        admin.dispose()
        message = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error.__class__.__name__}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database on each backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "influent.db"
        shutil.copy(template, target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("postgres_url")
    _truncate_postgres(url)
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url, secret_key="test-secret-" + "x" * 40, data_dir=tmp_path / "data"
    )


@pytest.fixture
def influent(settings: Settings) -> Iterator[Influent]:
    app = Influent(settings)
    yield app
    app.close()


@pytest.fixture
def team(influent: Influent) -> Team:
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        other = ensure_workspace(session, name="Other brand")
        actors = {}
        for role, email, ws in (
            (Role.OWNER, "owner@example.com", workspace.id),
            (Role.MEMBER, "member@example.com", workspace.id),
            (Role.VIEWER, "viewer@example.com", workspace.id),
            (Role.OWNER, "outsider@example.com", other.id),
        ):
            user = users.create_user(
                session, email=email, password=PASSWORD, workspace_id=ws, role=role
            )
            actor = users.actor_for_user(session, user.id)
            assert actor is not None
            actors[email.split("@")[0]] = actor
        return Team(workspace.id, **actors)


@pytest.fixture
def workspace_id(team: Team) -> int:
    return team.workspace_id
