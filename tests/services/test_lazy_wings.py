"""Wings import their names on first use and still hand out what they export."""

from __future__ import annotations

import importlib
import subprocess
import sys


def test_it_keeps_a_wing_function_named_like_its_module() -> None:
    vetting = importlib.import_module("influent.services.vetting")
    importlib.import_module("influent.services.vetting.history")
    assert callable(vetting.history)
    assert vetting.history.__module__ == "influent.services.vetting.history"


def test_it_loads_nothing_of_a_wing_before_a_name_is_read() -> None:
    code = (
        "import sys, influent.services.vetting as v\n"
        "assert 'influent.services.vetting.charts' not in sys.modules\n"
        "v.HISTORY_DAYS\n"
        "assert 'matplotlib' not in sys.modules and 'sqlalchemy' not in sys.modules\n"
        "v.charts\n"
        "assert 'matplotlib' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_it_refuses_a_name_a_wing_does_not_export() -> None:
    creators = importlib.import_module("influent.services.creators")
    assert not hasattr(creators, "no_such_name")
