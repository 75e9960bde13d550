"""Crash safety: `debatebot index` killed (SIGKILL) at random moments over a generated corpus,
each kill followed by a restart. After every restart both stores open, hold no duplicate or
orphan chunk or unit, and match the manifest exactly.

    scripts/check tests/test_crash.py           # CI size: 4 kills, 40 documents
    scripts/check tests/test_crash.py --full    # 100 kills, 200 documents

Before each killed run the corpus changes (documents edited, removed and added; now and then
a `--rebuild`), so the kill lands in real work: reading, embedding, writing or deleting.
Local store only, on loopback: nothing leaves the machine. The counts go to
evals/reports/crash.json.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from debatebot.settings import REPO_ROOT

VOCABULARY = (
    "open closed model weights school district library council budget teachers students "
    "server cloud vendor licence audit safety cost price research lab data privacy tutor "
    "translation records volunteers contract outage update release community benchmark"
)
WORDS = VOCABULARY.split()
CLI = str(Path(sys.executable).parent / "debatebot")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 14))
    number = rng.choice(["", f" {rng.randint(2, 900)}", f" in {rng.randint(1990, 2030)}"])
    return (" ".join(words) + number).capitalize() + "."


def _document(rng: random.Random) -> str:
    paragraphs = [
        " ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(1, 4))
    ]
    return "\n\n".join(paragraphs) + "\n"


def _write_manifest(folder: Path, files: list[str]) -> None:
    entries = [
        {"file": f, "label": f.removesuffix(".txt"), "lean": ["open", "closed", "mixed"][i % 3]}
        for i, f in enumerate(sorted(files))
    ]
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"documents": entries}), "utf-8")


def _mutate(folder: Path, rng: random.Random, size: int, serial: int) -> None:
    """Edit, remove and add documents (about a quarter of them), keeping `size` listed."""
    files = sorted(p.name for p in folder.glob("*.txt"))
    for f in rng.sample(files, k=max(1, size // 8)):
        (folder / f).write_text(_document(rng), "utf-8")
    for f in rng.sample(files, k=max(1, size // 16)):
        (folder / f).unlink()
        files.remove(f)
    while len(files) < size:
        name = f"doc-{serial:03d}-{len(files):03d}.txt"
        (folder / name).write_text(_document(rng), "utf-8")
        files.append(name)
    _write_manifest(folder, files)


CHECK = textwrap.dedent(
    """
    import json, sys
    from debatebot.chunking import chunk_document
    from debatebot.corpus import Corpus
    from debatebot.embeddings import DEFAULT_EMBED_MODEL
    from debatebot.ingest import unit_nodes
    from debatebot.settings import Settings
    from debatebot.store import Store

    settings = Settings()
    corpus = Corpus(settings.sources_dir)
    docs = corpus.documents()
    chunks = [
        c for d in docs for c in chunk_document(d, settings.chunk_size, settings.chunk_overlap)
    ]
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    units = Store.from_settings(settings, DEFAULT_EMBED_MODEL, suffix="-units")
    meta, unit_meta = store.metadata(), units.metadata()
    spans = [(m["source"], m["start"], m["end"]) for m in meta.values()]
    wanted_units = {n.node_id for n in unit_nodes(chunks, {d.file: d.text for d in docs})}
    vectors = store.collection.get(include=["embeddings"])["embeddings"]
    hits = store.collection.query(query_embeddings=[list(vectors[0])], n_results=3)
    print(json.dumps({
        "chunks": len(meta),
        "count": store.collection.count(),
        "matches_manifest": set(meta) == {c.id for c in chunks},
        "units_match": set(unit_meta) == wanted_units,
        "duplicate_spans": len(spans) - len(set(spans)),
        "orphan_units": sum(m["chunk"] not in meta for m in unit_meta.values()),
        "orphan_chunks": sum(m["source"] not in {d.file for d in docs} for m in meta.values()),
        "vectors": len(vectors),
        "query_hits": len(hits["ids"][0]),
    }))
    """
)


def _run(args: list[str], env: dict[str, str], log: Path) -> subprocess.CompletedProcess:
    with log.open("a") as out:
        return subprocess.run(args, env=env, stdout=out, stderr=out, timeout=900, check=False)


def _timed(args: list[str], env: dict[str, str], log: Path) -> float:
    started = time.monotonic()
    assert _run(args, env, log).returncode == 0, log.read_text()[-2000:]
    return time.monotonic() - started


def _check(env: dict[str, str], log: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        log.write_text(log.read_text() + done.stderr)
        raise AssertionError(f"the store did not open after a kill: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


@pytest.mark.slow
def test_kills_while_indexing_leave_every_store_whole(tmp_path, request) -> None:
    full = request.config.getoption("--full")
    kills_wanted, size = (100, 200) if full else (4, 40)
    rng = random.Random(20261125)
    root = tmp_path / "index"
    folder = root / "sources"
    folder.mkdir(parents=True)
    for i in range(size):
        (folder / f"doc-first-{i:03d}.txt").write_text(_document(rng), "utf-8")
    _write_manifest(folder, [p.name for p in folder.glob("*.txt")])
    env = {**os.environ, "DEBATEBOT_INDEX_DIR": str(root), "HF_HUB_OFFLINE": "1"}
    log = tmp_path / "index.log"

    whole = _timed([CLI, "index"], env, log)  # the first build: the longest run
    _mutate(folder, rng, size, 0)
    change = _timed([CLI, "index"], env, log)  # a run after one change of the corpus

    kills, finished, cycles, phases = 0, 0, 0, []
    while kills < kills_wanted and cycles < 3 * kills_wanted:
        cycles += 1
        _mutate(folder, rng, size, cycles)
        args = [CLI, "index", "--rebuild"] if rng.random() < 0.15 else [CLI, "index"]
        with log.open("a") as out:
            proc = subprocess.Popen(args, env=env, stdout=out, stderr=out)
        delay = rng.uniform(0.2, whole if "--rebuild" in args else change)
        try:
            proc.wait(timeout=delay)
            finished += 1  # the run beat the kill: no kill counted
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            phases.append(round(delay, 2))
        # the restart: a normal run finishes the work, then the stores are checked
        restart = _run([CLI, "index"], env, log)
        assert restart.returncode == 0, log.read_text()[-3000:]
        state = _check(env, log)
        assert state["matches_manifest"] and state["units_match"], state
        assert state["duplicate_spans"] == state["orphan_units"] == state["orphan_chunks"] == 0
        assert state["count"] == state["chunks"] == state["vectors"] and state["query_hits"] == 3

    report = {
        "kills": kills,
        "stores_intact_after_restart": kills,
        "runs_that_finished_before_their_kill": finished,
        "documents": size,
        "first_build_seconds": round(whole, 1),
        "change_run_seconds": round(change, 1),
        "kill_delays_seconds": phases,
    }
    out = REPO_ROOT / "evals" / "reports" / "crash.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert kills == kills_wanted, report
