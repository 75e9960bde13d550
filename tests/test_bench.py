"""`debatebot bench` in a tiny configuration, so it cannot rot (figures are not judged here)."""

from __future__ import annotations

import json

from debatebot.bench import TARGETS

from .test_cli import run


def test_bench_runs_tiny_and_writes_every_figure(tmp_path) -> None:
    from .conftest import copy_sources

    out = tmp_path / "bench.json"
    index_dir = copy_sources(tmp_path)
    done = run(
        "bench", "--runs", "1", "--synthetic", "300", "--json", str(out), index_dir=index_dir
    )
    assert done.returncode == 0, done.stderr
    assert "| overhead_ratio |" in done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    figures = result["figures"]
    assert set(TARGETS) <= set(figures) and set(result["targets"]) == set(TARGETS)
    for name in ("ask_total_s", "bare_total_s", "bare_decode_tok_s", "ingest_chunks_s"):
        assert figures[name]["runs"] == 1 and figures[name]["median"] > 0
    assert figures["synthetic_chunks"] == 300 and figures["output_tokens"] > 0
    assert figures["peak_rss_mb"]["median"] > 100  # a real process with the model loaded
    assert result["environment"]["threads"] >= 1 and "llama_cpp_python" in str(result)
