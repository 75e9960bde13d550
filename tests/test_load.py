"""Many students, one page: the page on the Ollama backend (the Ollama-protocol test server,
scripted, so the page's own queueing is what is measured) under concurrent sessions.

CI runs a small size; `DEBATEBOT_LOAD_SESSIONS=30 scripts/check tests/test_load.py -s` runs
the issue's full size and prints the figures.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatebot.settings import REPO_ROOT

from .conftest import copy_sources, start_ui
from .ollama_server import FakeOllama

SESSIONS = int(os.environ.get("DEBATEBOT_LOAD_SESSIONS", "6"))
REPLY = "The sources say several things about this question, and each is checked."


def load_test():  # evals/ is not a package: load the tool from its file
    spec = importlib.util.spec_from_file_location("load_test", REPO_ROOT / "evals" / "load_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ollama() -> Iterator[FakeOllama]:
    with FakeOllama(reply=REPLY, piece_delay=0.02) as server:  # ~0.25 s a reply
        yield server


@pytest.fixture(scope="module")
def load_page(ollama, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    index_dir = copy_sources(tmp_path_factory.mktemp("load"))
    yield from start_ui(index_dir, BACKEND="ollama", OLLAMA_HOST=ollama.url)


@pytest.fixture(scope="module")
def busy_page(ollama, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    index_dir = copy_sources(tmp_path_factory.mktemp("busy"))
    yield from start_ui(index_dir, BACKEND="ollama", OLLAMA_HOST=ollama.url, UI_QUEUE_SIZE="2")


def test_concurrent_sessions_are_all_answered(load_page) -> None:
    url, _ = load_page
    figures = load_test().run(url, sessions=SESSIONS, questions=2, timeout=300)
    print(json.dumps(figures))
    assert figures["requests"] == 2 * SESSIONS
    assert figures["errors"] == 0 and figures["timeouts"] == 0, figures["problems"]
    assert figures["answered"] + figures["refused"] + figures["busy"] == figures["requests"]
    assert figures["answered"] >= SESSIONS  # the queue (32) holds them: most are answered


def test_a_full_queue_says_busy_instead_of_hanging(busy_page) -> None:
    url, _ = busy_page
    figures = load_test().run(url, sessions=10, questions=1, timeout=300)
    print(json.dumps(figures))
    assert figures["errors"] == 0 and figures["timeouts"] == 0, figures["problems"]
    assert figures["busy"] >= 1  # a queue of two cannot hold ten at once
    assert figures["answered"] + figures["refused"] >= 1


def test_the_tool_stays_on_loopback_and_bounded() -> None:
    tool = load_test()
    with pytest.raises(SystemExit, match="not a loopback address"):
        tool.run("http://192.0.2.10:7860/", sessions=1, questions=1, timeout=1)
    with pytest.raises(SystemExit, match="sessions"):
        tool.run("http://127.0.0.1:9/", sessions=1000, questions=1, timeout=1)


def test_a_student_who_leaves_mid_answer_stops_the_generation(load_page, ollama) -> None:
    from playwright.sync_api import sync_playwright

    from .test_ui import CHROMIUM, FLAGS, send

    url, _ = load_page
    ollama.reply, ollama.piece_delay = "word " * 400, 0.05  # a 20-second reply
    cancelled = ollama.cancelled
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.goto(url)
            send(page, "Ask", "What are the main arguments for open-source AI?")
            page.get_by_text("words written").wait_for(timeout=60_000)  # the model is writing
            page.get_by_text(re.compile(r"Drafting — [1-9]\d+ words")).wait_for(timeout=60_000)
            browser.close()  # the student closes the tab mid-answer
        deadline = time.monotonic() + 30
        while ollama.cancelled == cancelled and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ollama.cancelled == cancelled + 1  # the page closed the stream: Ollama stops
    finally:
        ollama.reply, ollama.piece_delay = REPLY, 0.02
