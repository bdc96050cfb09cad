"""The creators' text-search index: FTS5 on SQLite, a pg_trgm GIN index on PostgreSQL."""

from __future__ import annotations

from sqlalchemy.orm import Session

__all__ = [
    "POSTGRES_TRGM",
    "SQLITE_FTS",
    "SQLITE_FTS_INSERT_TRIGGER",
    "SQLITE_FTS_OTHER_TRIGGERS",
    "is_sqlite",
]

# unicode61 words rather than trigrams: a tenth of the postings, so bulk imports stay fast;
# searches match the beginnings of words.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE creators_fts USING fts5("
    "search_text, content='creators', content_rowid='id', tokenize='unicode61')"
)
SQLITE_FTS_INSERT_TRIGGER = (
    "CREATE TRIGGER creators_fts_insert AFTER INSERT ON creators BEGIN "
    "INSERT INTO creators_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
)
SQLITE_FTS_OTHER_TRIGGERS = (
    "CREATE TRIGGER creators_fts_delete AFTER DELETE ON creators BEGIN "
    "INSERT INTO creators_fts(creators_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER creators_fts_update AFTER UPDATE OF search_text ON creators BEGIN "
    "INSERT INTO creators_fts(creators_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO creators_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)
POSTGRES_TRGM = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_creators_search_trgm ON creators USING gin (search_text gin_trgm_ops)",
)


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"
