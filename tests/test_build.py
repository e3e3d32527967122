"""The build hook that compiles the engine (hatch_build.py): which files it takes as its own."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _hook() -> ModuleType:
    pytest.importorskip("hatchling", reason="the build backend is not installed")
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("hatch_build", module)
    spec.loader.exec_module(module)
    return module


def test_the_hook_compiles_the_engine_modules_and_no_public_one() -> None:
    hook = _hook()
    sources = {path.stem for path in (ROOT / "textrepair").glob("*.py")}
    assert set(hook.ENGINE) <= sources
    # the public surface stays Python: its errors and pickles are the same either way
    assert not {"__init__", "__main__", "pipeline", "config", "result", "batch"} & set(hook.ENGINE)


def test_the_hook_removes_only_its_own_extension_modules(tmp_path: Path) -> None:
    hook = _hook()
    own = [
        "detect.cpython-311-x86_64-linux-gnu.so",
        "_engine__mypyc.cpython-311-x86_64-linux-gnu.so",
        "segment.cp312-win_amd64.pyd",
    ]
    others = ["detect.py", "other.cpython-311-x86_64-linux-gnu.so", "detect_extra.so", "py.typed"]
    for name in own + others:
        (tmp_path / name).write_text("")
    assert sorted(path.name for path in hook._compiled(tmp_path)) == sorted(own)
