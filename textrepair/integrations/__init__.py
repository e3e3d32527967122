"""Scale-out helpers: pandas, Dask and datatrove (each an optional extra).

None of these imports its framework until it is called, so ``import textrepair.integrations``
costs nothing; each helper leaves values that are not strings (``None``, ``NaN``, numbers)
untouched, as a data pipeline needs.

* :func:`clean_series`: a pandas Series (or any Series-like column), optionally over worker
  processes: ``pip install 'textrepair[pandas]'``.
* :func:`dask_clean`: a Dask DataFrame column or a Dask Bag, lazily, on whatever scheduler or
  cluster runs it: ``pip install 'textrepair[dask]'``.
* :class:`~textrepair.integrations.datatrove.TextRepairFormatter`: a datatrove pipeline step
  that repairs ``document.text`` and records statistics: ``pip install
  'textrepair[datatrove]'``.

    >>> import pandas as pd
    >>> from textrepair.integrations import clean_series
    >>> clean_series(pd.Series(["Le\\nle mois dernier", None], dtype=object)).tolist()
    ['Le mois dernier', None]
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

from textrepair.batch import DEFAULT_CHUNKSIZE, clean_many
from textrepair.config import Config
from textrepair.pipeline import clean

__all__ = ["TextRepairFormatter", "clean_series", "clean_value", "dask_clean"]

#: dtypes a cleaned column keeps; any other (``category``, ...) becomes ``object``.
_KEPT_DTYPES = frozenset({"object", "string", "str"})


def _check_config(caller: str, config: object) -> Config:
    if config is None:
        return Config()
    if not isinstance(config, Config):
        msg = f"textrepair.integrations.{caller}() expects config=Config(...) or None, got "
        raise TypeError(msg + type(config).__name__)
    return config


def _optional(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        msg = f"{module} is not installed: pip install 'textrepair[{extra}]'"
        raise ImportError(msg) from error


def clean_value(value: Any, config: Config | None = None) -> Any:
    """Clean ``value`` if it is a string; return anything else (``None``, ``NaN``) unchanged.

    A total function for ``Series.map``, ``Bag.map`` or a Spark UDF, where missing values
    must pass through.

    Args:
        value: Anything.
        config: How to repair; ``None`` for the conservative defaults.

    Returns:
        ``textrepair.clean(value, config=config)`` for a ``str``, else ``value`` itself.

    Example:
        >>> clean_value("Le\\nle mois"), clean_value(None), clean_value(3)
        ('Le mois', None, 3)
    """
    return clean(value, config=config) if isinstance(value, str) else value


def clean_series(
    series: Any,
    *,
    config: Config | None = None,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Any:
    """Clean every string of a pandas Series; keep its index, name and other values.

    The same as ``series.map(functools.partial(clean_value, config=config))``, but it can
    spread the work over ``jobs`` worker processes (through :func:`textrepair.clean_many`).

    Args:
        series: A pandas ``Series`` (or a subclass, or a Series-like with ``index``, ``name``
            and ``dtype``).
        config: How to repair; ``None`` for the conservative defaults.
        jobs: Worker processes; ``1`` (the default) runs in the calling process.
        chunksize: Texts sent to a worker at once.

    Returns:
        A new Series of the same type, index and name. Its dtype is kept when it is
        ``object`` or a string dtype (``category`` and others become ``object``).

    Raises:
        TypeError: If ``series`` is not Series-like or ``config`` is not a
            :class:`~textrepair.config.Config`.
        ValueError: If ``jobs`` or ``chunksize`` is below 1.

    Example:
        >>> import pandas as pd
        >>> s = pd.Series(["de la de la de la de la ville", float("nan")], name="text")
        >>> clean_series(s, jobs=2).tolist()
        ['de la ville', nan]
    """
    config = _check_config("clean_series", config)
    if not all(hasattr(series, name) for name in ("index", "name", "dtype", "__iter__")):
        msg = "textrepair.integrations.clean_series() expects a pandas Series, got "
        raise TypeError(msg + type(series).__name__)
    texts = (value if isinstance(value, str) else "" for value in series)
    cleaned = clean_many(texts, config=config, jobs=jobs, chunksize=chunksize)
    values = [new if isinstance(old, str) else old for old, new in zip(series, cleaned)]
    dtype = series.dtype if str(getattr(series.dtype, "name", "")) in _KEPT_DTYPES else object
    return type(series)(values, index=series.index, name=series.name, dtype=dtype)


def _clean_partition(config: Config, partition: Any) -> Any:
    return clean_series(partition, config=config)


def dask_clean(data: Any, *, config: Config | None = None) -> Any:
    """Clean a Dask DataFrame column or a Dask Bag of strings, lazily.

    Nothing runs until ``.compute()`` (or a write): each partition is cleaned on the worker
    that holds it, by whatever scheduler runs the graph (threads, processes or a
    ``dask.distributed`` cluster). Values that are not strings pass through.

    Args:
        data: A ``dask.dataframe.Series`` (e.g. ``df["text"]``) or a ``dask.bag.Bag``.
        config: How to repair; ``None`` for the conservative defaults. Sent to the workers.

    Returns:
        A lazy collection of the same kind: a Series with the same name, divisions and dtype,
        or a Bag.

    Raises:
        TypeError: If ``data`` is neither, or ``config`` is not a
            :class:`~textrepair.config.Config`.
        ImportError: If Dask is not installed (``pip install 'textrepair[dask]'``).

    Example:
        >>> import dask.bag as db
        >>> bag = db.from_sequence(["Le\\nle mois", None, "rien"], npartitions=2)
        >>> dask_clean(bag).compute(scheduler="sync")
        ['Le mois', None, 'rien']
    """
    config = _check_config("dask_clean", config)
    bag = _optional("dask.bag", "dask")
    if isinstance(data, bag.Bag):
        return data.map(functools.partial(clean_value, config=config))
    try:
        dataframe = importlib.import_module("dask.dataframe")
    except ImportError:  # dask without pandas: then ``data`` cannot be a Dask Series
        dataframe = None
    if dataframe is not None and isinstance(data, dataframe.Series):
        return data.map_partitions(functools.partial(_clean_partition, config), meta=data._meta)
    if dataframe is not None and isinstance(data, dataframe.DataFrame):
        msg = "textrepair.integrations.dask_clean() expects one column, e.g. df['text']"
        raise TypeError(msg)
    msg = "textrepair.integrations.dask_clean() expects a Dask Series or Bag, got "
    raise TypeError(msg + type(data).__name__)


def __getattr__(name: str) -> Any:
    """Load :class:`TextRepairFormatter` (and datatrove) only when it is asked for."""
    if name == "TextRepairFormatter":
        from textrepair.integrations import datatrove  # noqa: PLC0415

        return datatrove.TextRepairFormatter
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
