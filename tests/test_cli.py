"""The `debatebot` command, run as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from debatebot.cli import main
from debatebot.settings import REPO_ROOT, Settings

from .conftest import GPU_QUESTION, copy_sources

CLI = [str(Path(sys.executable).parent / "debatebot")]


def run(*args: str, index_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBATEBOT_INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(CLI + list(args), capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return copy_sources(tmp_path_factory.mktemp("cli"))


def test_ask_prints_the_answer_and_numbered_sources(index_dir) -> None:
    out = run("ask", GPU_QUESTION, index_dir=index_dir)
    assert out.returncode == 0, out.stderr
    answer, sources = out.stdout.split("\nSources:\n")
    assert "64 GPUs" in answer and "[1]" in answer
    assert sources.startswith("[1] Luttig (luttig-future-is-closed-source.txt, chars ")
    assert "Traceback" not in out.stderr


def test_ask_json(index_dir) -> None:
    out = run("ask", "--json", GPU_QUESTION, index_dir=index_dir)
    data = json.loads(out.stdout)
    c = data["claims"][0]["citations"][0]
    text = (index_dir / "sources" / c["source"]).read_text(encoding="utf-8")
    assert text[c["start"] : c["end"]] == c["quote"] and data["refused"] is False


def test_index_adds_a_document_then_ask_finds_it(index_dir, tmp_path) -> None:
    doc = tmp_path / "club.txt"
    doc.write_text("The chess club of Lakeview High owns 23 chess boards.\n", encoding="utf-8")
    out = run("index", str(doc), index_dir=index_dir)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Indexed 6 documents")
    assert (index_dir / "sources" / "club.txt").read_bytes() == doc.read_bytes()
    again = run("index", index_dir=index_dir)
    assert "(0 embedded, 0 removed)" in again.stdout
    asked = run(
        "ask", "How many chess boards does the Lakeview chess club own?", index_dir=index_dir
    )
    assert "23 chess boards" in asked.stdout and "club.txt" in asked.stdout
    refused = run(
        "ask", "How many rooks does the Lakeview club keep in its safe?", index_dir=index_dir
    )
    assert refused.stdout.startswith("The sources don't cover this. I searched")
    assert (
        "\nClosest, but not an answer:\n- " in refused.stdout and "Sources:" not in refused.stdout
    )


def test_bad_input_exits_2_with_one_line(index_dir, tmp_path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin1 = tmp_path / "old.txt"
    latin1.write_bytes("naïve".encode("latin-1"))
    manifest = (index_dir / "sources" / "manifest.yaml").read_bytes()
    cases = [
        (["ask", "   "], "question is empty"),
        (["ask", "x" * 20000], "limit is 2,000"),
        (["index", str(tmp_path / "missing.txt")], "no such file"),
        (["index", str(binary)], "binary"),
        (["index", str(latin1)], "not UTF-8"),
    ]
    for args, message in cases:
        out = run(*args, index_dir=index_dir)
        assert out.returncode == 2, args
        assert out.stderr.count("\n") == 1 and message in out.stderr, out.stderr
    assert (index_dir / "sources" / "manifest.yaml").read_bytes() == manifest


def test_steelman_takes_the_side_the_student_gives(index_dir) -> None:
    out = run(
        "steelman", "--side", "closed", "Everyone will use the same model.", index_dir=index_dir
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(
        "Your claim argues for closed-source AI; the case for open-source AI:"
    )
    bad = run(
        "steelman", "--side", "middle", "Everyone will use the same model.", index_dir=index_dir
    )
    assert bad.returncode == 2 and "'open' or 'closed'" in bad.stderr


def test_help_everywhere(index_dir) -> None:
    for args in (["--help"], ["ask", "--help"], ["index", "--help"]):
        out = run(*args, index_dir=index_dir)
        assert out.returncode == 0 and "usage: debatebot" in out.stdout


def test_rebuild_embeds_everything_again(tmp_path) -> None:
    index_dir = copy_sources(tmp_path)
    first = run("index", index_dir=index_dir)
    rebuilt = run("index", "--rebuild", index_dir=index_dir)
    assert rebuilt.returncode == 0, rebuilt.stderr
    n = first.stdout.split(", ")[1].split()[0]
    assert f"({n} embedded, 0 removed)" in rebuilt.stdout


def test_eval_writes_a_report_and_exits_1_below_a_threshold(tmp_path) -> None:
    evals = REPO_ROOT / "evals"
    for name in ("judge.yaml", "stance.yaml"):
        shutil.copy(evals / name, tmp_path / name)
    luttig = "luttig-future-is-closed-source.txt"
    cases = [
        {"kind": "fact", "question": GPU_QUESTION, "source": luttig, "evidence": "64 GPUs"},
        # gold evidence the answer can't cite: evidence_hit is 1/2, below its threshold
        {"kind": "fact", "question": GPU_QUESTION, "source": luttig, "evidence": "CentOS"},
        {"kind": "unanswerable", "question": "What is the capital of France?"},
    ]
    (tmp_path / "cases.yaml").write_text(yaml.safe_dump({"cases": cases}), encoding="utf-8")
    (tmp_path / "limits.yaml").write_text("quote_exactness: 1.0\nevidence_hit: 0.9\n")
    args = ["--dataset", str(tmp_path / "cases.yaml"), "--out", str(tmp_path / "reports")]
    limits = str(tmp_path / "limits.yaml")
    out = run("eval", *args, "--thresholds", limits, index_dir=copy_sources(tmp_path))
    assert out.returncode == 1, out.stderr
    assert "below threshold: evidence_hit 0.50 < 0.90" in out.stderr
    assert "| evidence_hit | 50% (1/2) |" in out.stdout
    report = json.loads(next((tmp_path / "reports").glob("*.json")).read_text(encoding="utf-8"))
    assert report["metrics"]["quote_exactness"] == 1.0
    assert report["metrics"]["refusal_recall"] == 1.0
    assert report["backend"] == "llamacpp" and "answer.v2" in report["prompt_versions"]
    assert report["settings"]["top_k"] == 5 and report["judge"] == "strict-lexical.v1"
    assert {p.suffix for p in (tmp_path / "reports").iterdir()} == {".md", ".json", ".png"}


def test_the_page_is_not_opened_to_the_network_without_a_password(monkeypatch, capsys) -> None:
    from debatebot.ui import login

    monkeypatch.delenv("DEBATEBOT_UI_PASSWORD", raising=False)
    assert main(["ui", "--host", "0.0.0.0"]) == 2  # refused before anything loads
    err = capsys.readouterr().err
    assert "binding 0.0.0.0" in err and "set DEBATEBOT_UI_PASSWORD" in err
    assert login("127.0.0.1", Settings()) is None
    assert login("::1", Settings()) is None
    with_password = Settings(ui_password="s3cret")  # type: ignore[arg-type]
    assert login("0.0.0.0", with_password) == ("class", "s3cret")
