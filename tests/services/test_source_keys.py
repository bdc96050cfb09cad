"""Source keys are encrypted at rest: the database holds ciphertext, the services the key."""

from __future__ import annotations

from sqlalchemy import select

from influent.services.core import Influent
from influent.services.enrichment import source_settings
from influent.store.source_models import SourceCredential


def test_it_stores_a_source_key_encrypted_and_reads_it_back(
    influent: Influent, workspace_id: int
) -> None:
    settings = influent.settings
    with influent.session() as session:
        source_settings.set_source(
            session,
            workspace_id=workspace_id,
            source="instagram",
            values={"access_token": "EAAG-secret-token", "ig_user_id": "178414"},
            settings=settings,
        )
    with influent.session() as session:
        raw = session.scalars(select(SourceCredential.secrets)).one()
        assert "EAAG-secret-token" not in str(raw) and "178414" not in str(raw)
        assert raw["access_token"].startswith("fernet:")
        keys = source_settings.credentials_for(
            session, workspace_id=workspace_id, source="instagram", settings=settings
        )
        assert keys == {"access_token": "EAAG-secret-token", "ig_user_id": "178414"}
        shown = source_settings.list_sources(session, workspace_id=workspace_id, settings=settings)
        assert next(s for s in shown if s.source == "instagram").fields == {
            "access_token": "EAAG…oken",
            "ig_user_id": "178414",
        }


def test_a_configured_encryption_key_is_used_instead_of_the_file(
    influent: Influent, workspace_id: int
) -> None:
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    settings = influent.settings.model_copy(update={"encryption_key": key})
    with influent.session() as session:
        source_settings.set_source(
            session,
            workspace_id=workspace_id,
            source="youtube",
            values={"api_key": "AIza-k"},
            settings=settings,
        )
        raw = session.scalars(select(SourceCredential.secrets)).one()
        token = raw["api_key"].removeprefix("fernet:")
        assert Fernet(key.encode()).decrypt(token.encode()) == b"AIza-k"
    assert not (settings.data_dir / "encryption_key").exists()
