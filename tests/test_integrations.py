"""pandas, Dask (a real LocalCluster with worker processes) and datatrove: same as serial.

Each framework is an optional extra; its tests are skipped when it is not installed. The
``test`` extra installs all of them, so CI runs every test here.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import pytest

import textrepair
from textrepair import Config
from textrepair.integrations import clean_series, clean_value, dask_clean
from textrepair.integrations import datatrove as datatrove_step

TEXTS = [
    "Le\nle mois dernier, au centre de la de la de la de la ville",
    None,
    "pourrait fournir une partie de ce capital ;\nune partie de ce capital.",
    "Nothing to repair here.",
    "die Stadt die Stadt die Stadt die Stadt liegt am Fluss",
    "",
] * 3
CONFIG = Config(reflow=False)


def serial(texts: list[str | None], config: Config | None = None) -> list[str | None]:
    return [textrepair.clean(t, config=config) if isinstance(t, str) else t for t in texts]


def test_clean_value_passes_non_strings_through() -> None:
    assert clean_value("Le\nle mois") == "Le mois"
    assert clean_value("Le\nle mois", config=Config(stutters=False)) == "Le\nle mois"
    marker = object()
    assert clean_value(marker) is marker
    assert clean_value(None) is None


# --------------------------------------------------------------------------------- pandas


@pytest.mark.parametrize("jobs", [1, 2])
def test_clean_series_equals_serial_and_keeps_index_and_name(jobs: int) -> None:
    pd = pytest.importorskip("pandas")
    series = pd.Series(TEXTS, index=[f"doc{i}" for i in range(len(TEXTS))], name="text")
    got = clean_series(series, config=CONFIG, jobs=jobs, chunksize=2)
    assert list(got.index) == list(series.index)
    assert got.name == "text"
    assert [None if pd.isna(v) else v for v in got] == serial(TEXTS, CONFIG)


@pytest.mark.parametrize("dtype", [object, "string"])
def test_clean_series_keeps_string_dtypes(dtype) -> None:
    pd = pytest.importorskip("pandas")
    series = pd.Series(["Le\nle mois", None], dtype=dtype)
    got = clean_series(series)
    assert got.dtype == series.dtype
    assert got.iloc[0] == "Le mois"
    assert pd.isna(got.iloc[1])


def test_clean_series_of_categories_becomes_object() -> None:
    pd = pytest.importorskip("pandas")
    got = clean_series(pd.Series(["Le\nle mois", "Le\nle mois"], dtype="category"))
    assert got.dtype == object
    assert got.tolist() == ["Le mois", "Le mois"]


def test_series_map_recipe_matches() -> None:
    pd = pytest.importorskip("pandas")
    series = pd.Series([t for t in TEXTS if t is not None])
    assert series.map(textrepair.clean).tolist() == clean_series(series).tolist()


def test_clean_series_refuses_other_things() -> None:
    with pytest.raises(TypeError, match="expects a pandas Series, got list"):
        clean_series(["a"])
    with pytest.raises(TypeError, match="config=Config"):
        clean_series(["a"], config="strict")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_client():
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_dask_series_on_a_local_cluster_equals_serial(dask_client) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    frame = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS, "lang": "fr"})
    ddf = dd.from_pandas(frame, npartitions=4)
    cleaned = ddf.assign(text=dask_clean(ddf["text"], config=CONFIG))
    got = dask_client.compute(cleaned).result()
    workers = dask_client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2  # two worker processes did the work
    assert list(got["id"]) == list(frame["id"])
    assert list(got["lang"]) == list(frame["lang"])
    assert [None if pd.isna(v) else v for v in got["text"]] == serial(TEXTS, CONFIG)


def test_dask_bag_on_a_local_cluster_equals_serial(dask_client) -> None:
    db = pytest.importorskip("dask.bag")
    bag = db.from_sequence(TEXTS, npartitions=3)
    assert dask_client.compute(dask_clean(bag, config=CONFIG)).result() == serial(TEXTS, CONFIG)


def test_dask_clean_refuses_other_things() -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(pd.DataFrame({"text": ["a"]}), npartitions=1)
    with pytest.raises(TypeError, match=r"expects one column, e\.g\. df\['text'\]"):
        dask_clean(ddf)
    with pytest.raises(TypeError, match="expects a Dask Series or Bag, got list"):
        dask_clean(["a"])
    with pytest.raises(TypeError, match="config=Config"):
        dask_clean(ddf["text"], config={"reflow": False})  # type: ignore[arg-type]


def test_missing_dask_names_the_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"textrepair\[dask\]"):
        dask_clean(["a"])


# ------------------------------------------------------------------------------ datatrove


class ShardReader:
    """A datatrove reader step: this task's share of TEXTS (strings only)."""

    def __call__(self, data, rank: int = 0, world_size: int = 1):
        document = pytest.importorskip("datatrove.data").Document
        for index, text in enumerate(t for t in TEXTS if t is not None):
            if index % world_size == rank:
                yield document(text=text, id=str(index))


class JsonWriter:
    """A datatrove writer step: one JSON file per task."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, data, rank: int = 0, world_size: int = 1):
        with (Path(self.folder) / f"{rank:02d}.jsonl").open("w", encoding="utf-8") as out:
            for document in data:
                out.write(json.dumps({"id": document.id, "text": document.text}) + "\n")
                yield document


def test_datatrove_local_executor_with_two_workers_equals_serial(tmp_path: Path) -> None:
    local = pytest.importorskip("datatrove.executor.local")
    formatter = datatrove_step.TextRepairFormatter
    out = tmp_path / "out"
    out.mkdir()
    executor = local.LocalPipelineExecutor(
        pipeline=[ShardReader(), formatter(CONFIG), JsonWriter(str(out))],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    got = {}
    for path in sorted(out.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            got[int(record["id"])] = record["text"]
    strings = [t for t in TEXTS if t is not None]
    assert [got[i] for i in range(len(strings))] == serial(strings, CONFIG)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(s for s in stats if "textrepair" in s["name"])
    changed = sum(serial([t], CONFIG)[0] != t for t in strings)
    assert (step["stats"]["total"], step["stats"]["changed"]) == (len(strings), changed)


def test_datatrove_step_records_metadata_and_pickles() -> None:
    document = pytest.importorskip("datatrove.data").Document
    formatter = datatrove_step.TextRepairFormatter
    assert textrepair.integrations.TextRepairFormatter is formatter
    step = pickle.loads(pickle.dumps(formatter(metadata_key="textrepair")))
    assert type(step) is formatter
    docs = [document(text="Le\nle mois", id="1"), document(text="rien", id="2")]
    out = list(step.run(iter(docs)))
    assert [d.text for d in out] == ["Le mois", "rien"]
    assert [d.metadata["textrepair"] for d in out] == [{"stutter": 1}, {}]
    assert step.stats["chars_removed"].total == 3
    with pytest.raises(TypeError, match="config=Config"):
        formatter({"reflow": False})


def test_missing_datatrove_names_the_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "datatrove.pipeline.base", None)
    datatrove_step._formatter_class.cache_clear()
    try:
        with pytest.raises(ImportError, match=r"textrepair\[datatrove\]"):
            datatrove_step.TextRepairFormatter  # noqa: B018
    finally:
        datatrove_step._formatter_class.cache_clear()
