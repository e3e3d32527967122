"""Many texts at once: :func:`clean_many` and :func:`repair_many`, streaming and in order.

Both take any iterable of strings (a list, a generator reading a 100 GB file, a pandas
column) and yield one result per text, in the input's order, as soon as it is ready. They never
hold the whole input: with ``jobs > 1`` the texts are cut into chunks of at most ``chunksize``
texts (and about a million characters), and only ``2 * jobs`` chunks are in flight at a time,
so memory stays bounded whatever the input's size. ``jobs=1`` runs in the calling process.

Worker processes are started with ``forkserver`` where the platform has it (``spawn``
elsewhere), never with a bare ``fork`` of a process that may run threads; as with any
:mod:`multiprocessing` code, a script that calls these functions with ``jobs > 1`` needs the
``if __name__ == "__main__":`` guard.

    >>> import textrepair
    >>> list(textrepair.clean_many(["Le\\nle mois dernier", "rien à faire"]))
    ['Le mois dernier', 'rien à faire']
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import Generic, TypeVar

from textrepair.config import Config
from textrepair.pipeline import clean, repair
from textrepair.result import Repair

__all__ = ["DEFAULT_CHUNKSIZE", "clean_many", "repair_many"]

#: The most texts sent to a worker process at once (a chunk also closes at :data:`_CHUNK_CHARS`).
DEFAULT_CHUNKSIZE = 64
#: A chunk closes once it holds this many characters, so that long texts do not pile up.
_CHUNK_CHARS = 1 << 20
#: Chunks in flight per worker process: enough to keep every worker busy, few enough to keep
#: memory bounded.
_WINDOW = 2

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class _Failed:
    """An exception raised in a worker for one text, re-raised in order by the caller."""

    error: Exception


def _check(caller: str, texts: object, config: object, jobs: object, chunksize: object) -> Config:
    """Validate the arguments of ``caller`` before any work starts."""
    if isinstance(texts, str | bytes | bytearray):
        msg = (
            f"textrepair.{caller}() expects an iterable of str, got a single "
            f"{type(texts).__name__}; use textrepair.clean() or repair() for one text"
        )
        raise TypeError(msg)
    if not isinstance(texts, Iterable):
        msg = f"textrepair.{caller}() expects an iterable of str, got {type(texts).__name__}"
        raise TypeError(msg)
    if config is not None and not isinstance(config, Config):
        msg = (
            f"textrepair.{caller}() expects config=Config(...) or None, got {type(config).__name__}"
        )
        raise TypeError(msg)
    for name, value in (("jobs", jobs), ("chunksize", chunksize)):
        if isinstance(value, bool) or not isinstance(value, int):
            msg = f"textrepair.{caller}() expects {name} to be an int >= 1, got {value!r}"
            raise TypeError(msg)
        if value < 1:
            msg = f"textrepair.{caller}() expects {name} to be an int >= 1, got {value!r}"
            raise ValueError(msg)
    return config if config is not None else Config()


def _strings(texts: Iterable[object], caller: str) -> Iterator[str]:
    """Yield the texts, raising :class:`TypeError` at the first one that is not a ``str``."""
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            hint = " (decode it first)" if isinstance(text, bytes | bytearray) else ""
            msg = (
                f"textrepair.{caller}() expects an iterable of str; item {index} is "
                f"{type(text).__name__}{hint}"
            )
            raise TypeError(msg)
        yield text


def _clean_one(config: Config, text: str) -> str:
    return clean(text, config=config)


def _repair_one(config: Config, text: str) -> Repair:
    return repair(text, config=config)


def _run_chunk(function: Callable[[str], _T], chunk: list[str]) -> list[_T | _Failed]:
    """Apply ``function`` to every text of ``chunk`` (in a worker process)."""
    results: list[_T | _Failed] = []
    for text in chunk:
        try:
            results.append(function(text))
        except Exception as error:  # re-raised by the caller, in order
            results.append(_Failed(error))
    return results


def _chunks(texts: Iterator[str], chunksize: int) -> Iterator[list[str]]:
    """Cut ``texts`` into lists of at most ``chunksize`` texts and about :data:`_CHUNK_CHARS`.

    The first chunks are small (1, 2, 4, ... texts, up to ``chunksize``), so that a short input
    is spread over the workers too. If reading ``texts`` raises, the texts read before are
    yielded as a last chunk first.
    """
    chunk: list[str] = []
    chars = 0
    limit = 1
    while True:
        try:
            text = next(texts)
        except StopIteration:
            break
        except Exception:
            if chunk:
                yield chunk
            raise
        chunk.append(text)
        chars += len(text)
        if len(chunk) >= limit or chars >= _CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
            limit = min(2 * limit, chunksize)
    if chunk:
        yield chunk


def _context() -> BaseContext:
    """``forkserver`` where available (a plain ``fork`` is unsafe in threaded programs)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Ordered(Generic[_T]):
    """Apply a picklable function to texts in worker processes; yield results in order."""

    def __init__(self, function: Callable[[str], _T], jobs: int, chunksize: int) -> None:
        self.function = function
        self.jobs = jobs
        self.chunksize = chunksize

    def __call__(self, texts: Iterator[str]) -> Iterator[_T]:
        """Yield ``function(text)`` for every text; errors surface in the input's order."""
        if self.jobs == 1:
            for text in texts:
                yield self.function(text)
            return
        chunks = _chunks(texts, self.chunksize)
        pending: deque[Future[list[_T | _Failed]]] = deque()
        failure: Exception | None = None
        exhausted = False
        pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
        try:
            while True:
                while not exhausted and len(pending) < self.jobs * _WINDOW:
                    try:
                        chunk = next(chunks, None)
                    except Exception as error:  # raised after the results before it
                        failure, exhausted = error, True
                        break
                    if chunk is None:
                        exhausted = True
                        break
                    pending.append(pool.submit(_run_chunk, self.function, chunk))
                if not pending:
                    break
                for result in pending.popleft().result():
                    if isinstance(result, _Failed):
                        raise result.error
                    yield result
            if failure is not None:
                raise failure
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def clean_many(
    texts: Iterable[str],
    *,
    config: Config | None = None,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[str]:
    """Clean every text of ``texts``; yield the results in order, as they are ready.

    The same as ``(textrepair.clean(t, config=config) for t in texts)``, optionally spread over
    worker processes. The input is read lazily and never held whole: at most ``2 * jobs``
    chunks of ``chunksize`` texts are in flight, so memory stays bounded on any input size.

    Args:
        texts: Any iterable of ``str`` (a list, a generator, a pandas column); read once,
            lazily.
        config: How to repair; ``None`` for the conservative defaults. Sent to the workers
            (:class:`~textrepair.config.Config` is picklable).
        jobs: Worker processes; ``1`` (the default) runs in the calling process.
        chunksize: The most texts sent to a worker at once (a chunk also closes at about a
            million characters; the first chunks hold 1, 2, 4, ... texts, so that a short
            input is spread too). Larger chunks cost less to send, smaller ones balance
            better.

    Returns:
        An iterator over the cleaned texts, one per input text, in the input's order.

    Raises:
        TypeError: At once, if ``texts`` is a single ``str``/``bytes`` or not iterable,
            ``config`` is not a :class:`~textrepair.config.Config`, or ``jobs``/``chunksize``
            is not an ``int``. While iterating, if an item is not a ``str``: after the
            results of every item before it.
        ValueError: At once, if ``jobs`` or ``chunksize`` is below 1.

    An exception raised by the input iterable itself is also re-raised after the results of
    the items before it, as in a serial loop.

    Example:
        >>> list(clean_many(["Le\\nle mois dernier", "de la de la de la de la ville"], jobs=2))
        ['Le mois dernier', 'de la ville']
        >>> clean_many(["x"], jobs=0)
        Traceback (most recent call last):
        ...
        ValueError: textrepair.clean_many() expects jobs to be an int >= 1, got 0
    """
    checked = _check("clean_many", texts, config, jobs, chunksize)
    ordered = _Ordered(functools.partial(_clean_one, checked), jobs, chunksize)
    return ordered(_strings(texts, "clean_many"))


def repair_many(
    texts: Iterable[str],
    *,
    config: Config | None = None,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[Repair]:
    """Repair every text of ``texts``; yield the :class:`~textrepair.result.Repair` reports.

    Like :func:`clean_many`, but each result also carries the edits (what the command line's
    ``--explain``, ``--diff`` and ``--stats`` are made of).

    Args:
        texts: Any iterable of ``str``; read once, lazily.
        config: How to repair; ``None`` for the conservative defaults.
        jobs: Worker processes; ``1`` (the default) runs in the calling process.
        chunksize: Texts sent to a worker at once.

    Returns:
        An iterator over one :class:`~textrepair.result.Repair` per input text, in order.

    Raises:
        TypeError: As :func:`clean_many`.
        ValueError: As :func:`clean_many`.

    Example:
        >>> [r.counts for r in repair_many(["Le\\nle mois", "rien"])]
        [{'stutter': 1}, {}]
    """
    checked = _check("repair_many", texts, config, jobs, chunksize)
    ordered = _Ordered(functools.partial(_repair_one, checked), jobs, chunksize)
    return ordered(_strings(texts, "repair_many"))
