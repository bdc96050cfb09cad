"""What every command shares: the Influent object, the console, progress bars and errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from influent.services.core import Influent
    from influent.services.i18n import Translator

console = Console()
# Error lines are not wrapped: a path or a URL cut in two cannot be copied.
errors = Console(stderr=True, soft_wrap=True)


# The app of the command being run. Typer 0.29 vendors click and has no public
# get_current_context(), so the `influent` callback binds its context's app here for the
# command's duration; nothing creates an app behind a command's back.
_running: ContextVar[_ContextApp | None] = ContextVar("influent_app", default=None)


class _ContextApp:
    """The Influent object of one `influent` run, made when a command first needs it.

    A help page or a refused option then never loads the database layer or the settings.
    """

    def __init__(self, ctx: typer.Context) -> None:
        self._ctx = ctx

    def get(self) -> Influent:
        if not _is_app(self._ctx.obj):
            from influent.services.core import Influent

            self._ctx.obj = Influent()
            self._ctx.call_on_close(self._ctx.obj.close)
        found: Influent = self._ctx.obj
        return found


def _is_app(value: object) -> bool:
    # Checked without importing the class: the services core loads only when an app is made.
    core = sys.modules.get("influent.services.core")
    return core is not None and isinstance(value, core.Influent)


def open_app(ctx: typer.Context) -> None:
    """Give the command's context the Influent object it acts with, closed when it ends.

    The `influent` callback calls this; the object is made when a command first asks for it.
    A caller that invokes the CLI in-process may pass its own object as `obj`, and it is used
    as it is (and left open).
    """
    token = _running.set(_ContextApp(ctx))
    ctx.call_on_close(lambda: _running.reset(token))


def app() -> Influent:
    """The Influent object of the running command, from Typer's context."""
    found = _running.get()
    if found is None:
        raise RuntimeError("no Influent app: run commands through the `influent` command")
    return found.get()


WORKSPACE_HELP = "Workspace slug or name (default: INFLUENT_DEFAULT_WORKSPACE, else the first)."


@contextmanager
def workspace_session(workspace: str | None = None) -> Iterator[tuple[Session, int]]:
    """A transaction and the workspace it acts on: `workspace` (a slug, name or id), else
    INFLUENT_DEFAULT_WORKSPACE, else the first one."""
    from influent.services import accounts
    from influent.services.i18n import Translator

    influent = app()
    with influent.session() as session:
        try:
            workspace_id = accounts.resolve_workspace(
                session, workspace or influent.settings.default_workspace
            )
        except accounts.WorkspaceError as error:
            tr = Translator(influent.settings.default_locale)
            fail(tr.say(error.message), 2, label=tr.t("cli.error"))
        yield session, workspace_id


def fail(message: str, code: int = 1, *, label: str = "Error:") -> NoReturn:
    """Say what went wrong on standard error and exit with `code`; `label` leads the line."""
    errors.print(Text.assemble((label, "bold red"), " ", message), highlight=False)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


class RichProgress:
    """Rich progress bars behind the services' Progress protocol; stages are catalog codes."""

    def __init__(self, progress: Progress, tr: Translator) -> None:
        self._progress = progress
        self._tr = tr
        self._task: TaskID | None = None

    def stage(self, description: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total or 0)
        self._task = self._progress.add_task(self._tr.t(description), total=total)

    def advance(self, steps: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, steps)


@contextmanager
def progress_bars(enabled: bool, tr: Translator) -> Iterator[RichProgress]:
    """Progress bars on standard error, their stages named in `tr`'s language."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=False,
        disable=not enabled,
    )
    with bars:
        yield RichProgress(bars, tr)
