"""The migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from influent.services.core import Influent
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
