"""Build hook: compile textrepair's engine with mypyc; a pure-Python wheel where that fails.

The engine's modules (segmentation, the detectors, resolution, rendering, normalisation) are
plain typed Python that mypyc compiles to C extensions, as black and mypy ship theirs; the
public surface (``clean``, ``repair``, ``Config``, the results, the command line) stays
Python, so its errors and pickles are the same either way. A regular wheel build
(``pip install .``) compiles them and also places the extensions beside the sources, so that
a checkout runs the code it installed. An editable install (``pip install -e .``) compiles
nothing and removes extensions left there, so that edits to the sources take effect.
``HATCH_BUILD_NO_HOOKS=true`` builds a pure-Python wheel; without a C compiler, or on an
interpreter mypyc does not support, the build warns and does the same.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = "textrepair"
#: The modules compiled: the engine, which the public modules call.
ENGINE = ("_langdata", "_patterns", "segment", "detect", "resolve", "render", "normalize")
#: The compiled modules share one library of their own, inside the package.
GROUP = f"{PACKAGE}._engine"

_SETUP = """\
import sys
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="{package}-engine",
    ext_modules=mypycify({paths!r}, group_name={group!r}, opt_level="3"),
    script_args=["build_ext", "--build-lib", sys.argv[1], "--build-temp", sys.argv[2]],
)
"""


def _compiled(package: Path) -> list[Path]:
    """The extension modules of the engine found in ``package``."""
    names = (*ENGINE, GROUP.rpartition(".")[2] + "__mypyc")
    return sorted(
        path
        for name in names
        for pattern in (f"{name}.*.so", f"{name}.*.pyd")
        for path in package.glob(pattern)
    )


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the engine modules into the wheel (see the module's docstring)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the engine, or leave the wheel pure Python, before the wheel is built."""
        package = Path(self.root) / PACKAGE
        for stale in _compiled(package):  # from an earlier build, maybe of older sources
            stale.unlink()
        if self.target_name != "wheel" or version == "editable":
            return
        try:
            built = self._compile(package)
        except (OSError, subprocess.SubprocessError) as error:
            with contextlib.suppress(OSError):  # no half set of extensions beside the sources
                for extension in _compiled(package):
                    extension.unlink()
            self.app.display_warning(f"{PACKAGE}: not compiled, pure Python wheel ({error})")
            return
        for extension in built:
            build_data["force_include"][str(extension)] = f"{PACKAGE}/{extension.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def _compile(self, package: Path) -> list[Path]:
        """Compile the engine in a scratch folder; place its extension modules in ``package``."""
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            source = root / "src"
            # mypy reads the whole package (the engine imports the public modules' types)
            ignore = shutil.ignore_patterns("*.so", "*.pyd", "__pycache__")
            shutil.copytree(package, source / PACKAGE, ignore=ignore)
            setup = root / "setup_engine.py"
            paths = [f"{PACKAGE}/{name}.py" for name in ENGINE]
            setup.write_text(_SETUP.format(package=PACKAGE, paths=paths, group=GROUP))
            out, temp = root / "out", root / "temp"
            process = subprocess.run(
                [sys.executable, str(setup), str(out), str(temp)],
                cwd=source,
                capture_output=True,
                text=True,
                check=False,
            )
            if process.returncode:
                last = (process.stderr or process.stdout).strip().splitlines()[-5:]
                raise subprocess.SubprocessError("mypyc failed: " + " | ".join(last))
            built = _compiled(out / PACKAGE)
            if len(built) != len(ENGINE) + 1:
                raise subprocess.SubprocessError(f"mypyc built {len(built)} modules")
            return [Path(shutil.copy2(path, package / path.name)) for path in built]
