"""Running the real `influent` command against the test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from click.testing import Result
from typer.testing import CliRunner

from influent.cli.main import cli
from influent.services.core import Influent
from influent.settings import get_settings


@pytest.fixture
def cli_env(influent: Influent, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Result]]:
    """Invoke `influent ARGS...` in-process on the same database as the `influent` fixture.

    Each invocation builds its own Influent object from the environment, in Typer's context,
    and closes it when the command ends, as `influent` itself does.

    Call it as `cli_env("creators", "list", "--json")`; it returns click's Result, with
    `stdout` and `stderr` apart.
    """
    monkeypatch.setenv("INFLUENT_DATABASE_URL", influent.settings.database_url)
    monkeypatch.setenv("INFLUENT_SECRET_KEY", influent.settings.secret_key)
    monkeypatch.setenv("INFLUENT_DATA_DIR", str(influent.settings.data_dir))
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    yield invoke
    get_settings.cache_clear()
