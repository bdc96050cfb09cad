"""Write docs/cli.md from the Typer app, so the reference is always complete.

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main

from influent.cli.main import cli

DOC = Path(__file__).parents[1] / "docs" / "cli.md"
INTRO = """# Command line

`influent` is installed in `.venv/bin/` by `make demo` or `make test`. Every command takes
`--help`. Commands that print data take `--json` for scripts. Long work shows a progress bar on
standard error. Exit codes: 0 success, 1 the input had problems (nothing was written unless the
command says so), 2 the input could not be read or an option is wrong.

This page is generated from the commands themselves by `scripts/cli_reference.py`.
"""


def _walk(group: Any, prefix: str) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            found.extend(_walk(command, path))
        else:
            found.append((path, command))
    return found


def _param_line(param: Any) -> str:
    if param.param_type_name == "argument":
        name = param.name.upper()
        help_text = getattr(param, "help", None) or ""
        return f"- `{name}`: {help_text}"
    opts = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
    default = param.default
    shown = (
        "" if default in (None, False, [], (), "") or param.is_flag else f" (default: `{default}`)"
    )
    return f"- {opts}: {param.help or ''}{shown}"


def render() -> str:
    root = typer.main.get_group(cli)
    lines = [INTRO]
    for path, command in _walk(root, "influent"):
        lines.append(f"## `{path}`\n")
        lines.append((command.help or "").strip() + "\n")
        params = [p for p in command.params if p.name != "help"]
        if params:
            lines.extend(_param_line(p) for p in params)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        if DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run python scripts/cli_reference.py")
            raise SystemExit(1)
        return
    DOC.write_text(text, encoding="utf-8")
    print(f"Wrote {DOC.name}")


if __name__ == "__main__":
    main()
