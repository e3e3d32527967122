"""A datatrove pipeline step, :class:`TextRepairFormatter` (``textrepair[datatrove]`` extra).

The class is a real ``datatrove.pipeline.base.PipelineStep``, built the first time it is asked
for, so that this module imports without datatrove. It repairs ``document.text`` in place and
records datatrove statistics: ``total`` documents, ``changed`` documents, ``chars_removed``
and one ``edits_<kind>`` count per kind (see :data:`textrepair.KINDS`).

    >>> from datatrove.data import Document
    >>> from textrepair.integrations.datatrove import TextRepairFormatter
    >>> step = TextRepairFormatter()
    >>> docs = [Document(text="Le\\nle mois dernier", id="1"), Document(text="rien", id="2")]
    >>> [doc.text for doc in step.run(iter(docs))]
    ['Le mois dernier', 'rien']
    >>> step.stats["changed"].total, step.stats["edits_stutter"].total
    (1, 1)
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from typing import Any

from textrepair.config import Config
from textrepair.pipeline import repair

__all__ = ["TextRepairFormatter"]  # noqa: F822 (built on first access, see __getattr__)


@functools.cache
def _formatter_class() -> type:
    """Build the step class on datatrove's ``PipelineStep`` (once: pickling needs one class)."""
    try:
        pipeline_step: Any = importlib.import_module("datatrove.pipeline.base").PipelineStep
    except ImportError as error:
        msg = "TextRepairFormatter needs datatrove: pip install 'textrepair[datatrove]'"
        raise ImportError(msg) from error

    class TextRepairFormatter(pipeline_step):  # type: ignore[misc]
        """Repair ``document.text`` (datatrove pipeline step).

        Args:
            config: How to repair; ``None`` for the conservative defaults.
            metadata_key: If set, store each document's edit counts by kind (a dict, empty
                when nothing changed) in ``document.metadata[metadata_key]``.

        Raises:
            TypeError: If ``config`` is not a :class:`~textrepair.config.Config`.
        """

        name = "🩹 textrepair"
        type = "✂️ - FORMAT"

        def __init__(self, config: Config | None = None, *, metadata_key: str | None = None):
            super().__init__()
            if config is not None and not isinstance(config, Config):
                msg = f"TextRepairFormatter expects config=Config(...) or None, got {config!r}"
                raise TypeError(msg)
            self.config = config if config is not None else Config()
            self.metadata_key = metadata_key

        def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
            """Repair each document of ``data`` and yield it.

            Args:
                data: datatrove documents.
                rank: This task's rank (unused: every document is repaired).
                world_size: The number of tasks (unused).

            Yields:
                The documents, ``text`` repaired.
            """
            for document in data or ():
                self.stat_update("total")
                if not isinstance(document.text, str):
                    self.stat_update("not_str")
                    yield document
                    continue
                with self.track_time():
                    result = repair(document.text, config=self.config)
                if result.text != document.text:
                    self.stat_update("changed")
                    removed = len(document.text) - len(result.text)
                    self.stat_update("chars_removed", value=removed)
                for kind, count in result.counts.items():
                    self.stat_update(f"edits_{kind}", value=count)
                if self.metadata_key is not None:
                    document.metadata[self.metadata_key] = dict(result.counts)
                document.text = result.text
                yield document

    TextRepairFormatter.__module__ = __name__
    TextRepairFormatter.__qualname__ = "TextRepairFormatter"
    return TextRepairFormatter


def __getattr__(name: str) -> Any:
    """Build :class:`TextRepairFormatter` when it is first asked for."""
    if name == "TextRepairFormatter":
        return _formatter_class()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
