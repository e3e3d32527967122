"""Test configuration for the whole checkout: which engine the suite runs.

``pip install .`` compiles the engine's modules with mypyc and places the extension modules
beside their sources (hatch_build.py), so the suite runs the compiled engine; after
``pip install -e .`` or without extension modules, it runs the sources.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

import textrepair


@functools.cache
def _compiled() -> dict[Path, Path]:
    """Each engine module that runs compiled: its source, by the extension module loaded."""
    package = Path(textrepair.__file__).parent
    found: dict[Path, Path] = {}
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if name.startswith("textrepair.") and where and not where.endswith(".py"):
            # some compiled modules report their file one folder too deep: the package's it is
            extension = package / Path(where).name
            source = package / (name.rpartition(".")[2] + ".py")
            if source.exists():  # not the library the compiled modules share
                found[source] = extension
    return found


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test an engine compiled from older sources than those in the checkout."""
    stale = sorted(
        source.name
        for source, extension in _compiled().items()
        if source.stat().st_mtime > extension.stat().st_mtime
    )
    if stale:
        msg = (
            f"the compiled engine is older than {', '.join(stale)}: build it again with "
            "`pip install .`, or run the sources with `pip install -e .`"
        )
        raise pytest.UsageError(msg)


def pytest_report_header() -> str:
    """Say which engine runs."""
    if _compiled():
        return "textrepair engine: compiled (its modules' doctests run with the sources only)"
    return "textrepair engine: sources"


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Skip the doctests of compiled modules: compiled functions keep no docstrings."""
    return True if collection_path in _compiled() else None
