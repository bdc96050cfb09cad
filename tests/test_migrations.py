"""The migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from influent.services.core import Influent
from influent.services.enrichment import source_settings
from influent.settings import Settings
from influent.store.db import upgrade
from influent.store.models import Base


def test_it_migrates_to_the_schema_of_the_models(influent: Influent) -> None:
    with influent.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # The text-search index (FTS5 tables, the pg_trgm GIN index) is not a model.
    real = [
        d
        for d in differences
        if not (d[0] == "remove_table" and d[1].name.startswith("creators_fts"))
        and not (d[0] == "remove_index" and d[1].name == "ix_creators_search_trgm")
    ]
    assert real == []


def test_0003_recomputes_search_words_of_existing_creators(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0002")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspaces (id, name, slug, currency, link_domains, created_at) "
                "VALUES (1, 'W', 'w', 'EUR', '[]', '2024-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO creators (id, workspace_id, name, name_key, custom_fields, "
                "search_text, created_at, updated_at) VALUES (1, 1, 'Marie Durand', "
                "'marie durand', '{}', 'marie durand durand92', '2024-01-01', '2024-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO accounts (workspace_id, creator_id, platform, handle, handle_key, "
                "created_at) VALUES (1, 1, 'instagram', 'durand92', 'durand92', '2024-01-01')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT search_text FROM creators")) == "marie durand 92"
        found = connection.scalars(
            text("SELECT rowid FROM creators_fts WHERE creators_fts MATCH '\"durand\"'")
        ).all()
        assert found == [1]
        indexes = connection.scalars(
            text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'accounts'")
        ).all()
        assert "ix_accounts_creator_platform" in indexes
        assert "ix_accounts_creator_id" not in indexes
    engine.dispose()


def test_0009_encrypts_the_saved_source_keys_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFLUENT_DATA_DIR", str(tmp_path / "data"))
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0005")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspaces (id, name, slug, currency, link_domains, created_at) "
                "VALUES (1, 'W', 'w', 'EUR', '[]', '2024-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO source_credentials (workspace_id, source, secrets, updated_at) "
                """VALUES (1, 'youtube', '{"api_key": "AIzaSyD-clear-key"}', """
                "'2024-01-01 00:00:00')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        raw = connection.execute(text("SELECT secrets FROM source_credentials")).scalar_one()
    engine.dispose()
    assert "AIzaSyD-clear-key" not in raw and "fernet:" in raw
    assert (tmp_path / "data" / "encryption_key").stat().st_mode & 0o777 == 0o600
    app = Influent(Settings(database_url=url, data_dir=tmp_path / "data"))
    try:
        with app.session() as session:
            keys = source_settings.credentials_for(
                session, workspace_id=1, source="youtube", settings=app.settings
            )
        assert keys == {"api_key": "AIzaSyD-clear-key"}
    finally:
        app.close()
