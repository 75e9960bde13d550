"""The web page, run as `debatebot ui` in a real process: driven in headless Chromium
(Playwright with Debian's /usr/bin/chromium) and called through gradio_client.

Screenshots go to test-artifacts/ui/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from gradio_client import Client
from playwright.sync_api import Page, expect, sync_playwright

from debatebot.settings import REPO_ROOT

from .conftest import GPU_QUESTION, copy_sources, start_ui
from .injection import attempts, violations

ARTIFACTS = REPO_ROOT / "test-artifacts" / "ui"
PHONES = REPO_ROOT / "examples" / "phones" / "sources"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ANSWER_TIMEOUT = 120_000  # ms: a generation on a busy 2-core machine


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The page over a private copy of the default corpus."""
    yield from start_ui(copy_sources(tmp_path_factory.mktemp("ui")))


@pytest.fixture(scope="module")
def phones_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The page over a copy of the second motion's folder (examples/phones/sources)."""
    yield from start_ui(copy_sources(tmp_path_factory.mktemp("ui-phones"), PHONES))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def send(page: Page, mode: str, text: str) -> None:
    page.locator("#mode").get_by_text(mode, exact=True).click()
    page.locator("#question textarea").fill(text)
    page.locator("#send").click()


def last_answer(page: Page, entry: int):
    """The settled assistant message of the session's `entry`-th answer."""
    link = page.locator(f'#chat a[href="#cite-{entry}-1"]').first
    expect(link).to_be_visible(timeout=ANSWER_TIMEOUT)
    return page.locator("#chat .message").last


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_class_uses_the_page_end_to_end(server, browser, tmp_path) -> None:
    url, index_dir = server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    page.goto(url)
    expect(page.locator("#corpus")).to_contain_text("luttig-future-is-closed-source.txt")

    # Ask: the draft streams, then settles into the checked answer with citation markers
    send(page, "Ask", GPU_QUESTION)
    expect(page.locator("#chat")).to_contain_text("Drafting", timeout=ANSWER_TIMEOUT)
    answer = last_answer(page, 0)
    expect(answer).to_contain_text("64 GPUs")
    expect(answer).not_to_contain_text("Drafting")
    # clicking a marker opens the passage with exactly the cited span highlighted
    page.locator('#chat a[href="#cite-0-1"]').first.click()
    head = page.locator("#passage-head")
    expect(head).to_contain_text("Luttig", timeout=30_000)
    source, start, end = re.search(
        r"(\S+\.txt), characters (\d+)–(\d+)", head.inner_text()
    ).groups()
    quote = (index_dir / "sources" / source).read_text(encoding="utf-8")[int(start) : int(end)]
    highlighted = page.locator("#passage .highlighted")
    expect(highlighted).to_have_count(1)
    assert highlighted.inner_text().strip() == quote.strip()
    assert "64 GPUs" in quote
    shot(page, "1-ask-and-passage")

    # Argue and steelman
    send(page, "Argue: open-source AI", "cost")
    argued = last_answer(page, 1)
    expect(argued).to_contain_text("The case for open-source AI")
    expect(argued).to_contain_text("sides: open")
    shot(page, "2-argue-open")
    send(page, "Steelman the other side", "Open-source AI will win")
    steelman = last_answer(page, 2)
    expect(steelman).to_contain_text("the strongest case for closed-source AI")
    expect(steelman).to_contain_text("What your claim gets right")
    shot(page, "3-steelman")

    # A refusal is a plain answer, not an error
    send(page, "Ask", "What is the best recipe for sourdough bread?")
    expect(page.locator("#chat .message").last).to_have_text(
        re.compile(r"The sources don't cover this\."), timeout=ANSWER_TIMEOUT
    )
    expect(page.locator("#status")).to_have_text("")

    # Upload: a rejected file says why and changes nothing; a good one is added and answers
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\xff\xfe\x00binary\x00")
    page.locator("#upload input[type=file]").set_input_files(str(bad))
    expect(page.locator("#upload-status")).to_contain_text("Not added", timeout=60_000)
    expect(page.locator("#upload-status")).to_contain_text("scan.txt: looks like a binary file")
    expect(page.locator("#upload-status")).not_to_contain_text("/tmp")
    expect(page.locator("#corpus")).not_to_contain_text("scan.txt")
    page.locator("#upload button[aria-label='Clear']").first.click()
    club = tmp_path / "club.txt"
    club.write_text("The chess club of Lakeview High owns 23 chess boards.\n", encoding="utf-8")
    page.locator("#upload input[type=file]").set_input_files(str(club))
    expect(page.locator("#upload-status")).to_contain_text("Added club.txt", timeout=120_000)
    expect(page.locator("#corpus")).to_contain_text("club.txt")
    send(page, "Ask", "How many chess boards does the Lakeview chess club own?")
    club_answer = last_answer(page, 4)
    expect(club_answer).to_contain_text("23 chess boards")
    expect(club_answer).to_contain_text("club")
    shot(page, "4-uploaded-document")

    # Export the conversation as Markdown with a bibliography, then reset
    with page.expect_download() as download:
        page.locator("#export").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert exported.startswith("# debatebot conversation") and "**Sources**" in exported
    assert "23 chess boards" in exported and "64 GPUs" in exported
    page.locator("#reset").click()
    expect(page.locator("#chat .message")).to_have_count(0)

    # Bad input is a short message, never a traceback
    send(page, "Ask", "   ")
    expect(page.locator("#status")).to_contain_text("empty", timeout=30_000)
    assert page.locator("#question textarea").input_value() == "   "  # what was typed stays
    assert "Traceback" not in page.content()
    assert outside == []  # nothing was fetched from the internet
    page.close()


def test_a_student_debates_on_the_page(server, browser) -> None:
    url, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.locator("#mode").get_by_text("Debate", exact=True).click()
    page.locator("#student").get_by_text("closed", exact=True).click()
    page.locator("#question textarea").fill("Open-source AI will win")
    page.locator("#send").click()
    expect(page.locator("#chat")).to_contain_text("Your turn", timeout=ANSWER_TIMEOUT)
    expect(page.locator("#chat")).to_contain_text("open-source AI — opening")
    page.locator("#question textarea").fill("Closed models are a risk worth taking for security.")
    page.locator("#send").click()
    expect(page.locator("#chat")).to_contain_text(
        "open-source AI — rebuttal", timeout=ANSWER_TIMEOUT
    )
    expect(page.locator("#chat")).to_contain_text("closed-source AI said")
    shot(page, "5-debate")
    page.close()


def test_a_teachers_own_motion_runs_on_the_page(phones_server, browser) -> None:
    url, _ = phones_server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    modes = page.locator("#mode")
    expect(modes).to_contain_text("Argue: a classroom phone ban")
    expect(modes).to_contain_text("Argue: phones in class")
    page.locator("#mode").get_by_text("Steelman the other side", exact=True).click()
    # the student may say which side their claim takes; by default it is read from the claim
    expect(page.locator("#claim-side")).to_contain_text("a classroom phone ban")
    expect(page.locator("#claim-side")).to_contain_text("Read it from my claim")
    send(page, "Steelman the other side", "Schools should ban phones in class.")
    message = last_answer(page, 0)
    expect(message).to_contain_text(
        "Your claim argues for a classroom phone ban; the strongest case for phones in class"
    )
    expect(message).to_contain_text("Phones are the new pencil case")  # a cited document
    shot(page, "6-second-motion-steelman")
    page.close()


def test_a_script_calls_the_api_with_gradio_client(server) -> None:
    url, index_dir = server
    client = Client(url, verbose=False)
    answer = client.predict("Ask", GPU_QUESTION, api_name="/answer")
    assert answer["refused"] is False
    c = answer["claims"][0]["citations"][0]
    assert (index_dir / "sources" / c["source"]).read_text(encoding="utf-8")[
        c["start"] : c["end"]
    ] == c["quote"]
    case = client.predict("Argue closed", "national security", api_name="/answer")
    assert case["side"] == "closed" and case["claims"]
    assert all(
        x["stance"] in ("closed", "neutral") for cl in case["claims"] for x in cl["citations"]
    )
    # a steelman's claim side: read from the claim, or given by the script
    claim = "Open models hand our rivals a free weapon."
    read = client.predict("Steelman the other side", claim, api_name="/answer")
    given = client.predict("Steelman the other side", claim, "closed", api_name="/answer")
    assert given["claim_side"] == "closed" and given["side"] == "open"
    assert read["claim_side"] in ("open", "closed") and read["mode"] == "steelman"
    with pytest.raises(Exception, match="side must be"):
        client.predict("Steelman the other side", claim, "maybe", api_name="/answer")
    refused = client.predict("Ask", "What is the capital of France?", api_name="/answer")
    assert refused["refused"] is True and refused["text"].startswith(
        "The sources don't cover this."
    )
    assert "I searched" in refused["text"] and refused["nearest"]  # what, and the closest
    with pytest.raises(Exception, match="empty"):
        client.predict("Ask", "  ", api_name="/answer")


def test_the_page_publishes_only_the_script_api(server) -> None:
    """What a script on the network can call: `/answer`, nothing the page uses internally
    (the session state, the corpus table, citation clicks, uploads)."""
    url, _ = server
    api = Client(url, verbose=False).view_api(return_format="dict", print_info=False)
    assert set(api["named_endpoints"]) == {"/answer"}
    assert not api["unnamed_endpoints"]
    config = httpx.get(url + "config", timeout=10).json()
    chat = next(c for c in config["components"] if c["props"].get("elem_id") == "chat")
    assert chat["props"]["sanitize_html"] is True


def test_the_page_launches_with_safe_defaults(bot, monkeypatch) -> None:
    """Loopback by default, never shared, a file size limit, a bounded queue, no open page
    on the network without a password (the refusal itself: test_cli)."""
    import gradio as gr

    from debatebot.cli import build_parser
    from debatebot.ui import serve

    seen: dict[str, dict] = {}

    def queue(self, **kwargs):
        seen["queue"] = kwargs
        return self

    monkeypatch.setattr(gr.Blocks, "queue", queue)
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: seen.update(launch=kwargs))
    host = build_parser().parse_args(["ui"]).host
    assert host == "127.0.0.1"
    serve(bot, host, 7860, bot.settings.ui_queue_size, block=False)
    launch = seen["launch"]
    assert launch["server_name"] == "127.0.0.1" and launch["share"] is False
    assert launch["auth"] is None and launch["show_error"] is False
    assert 0 < launch["max_file_size"] <= 10 * bot.settings.max_document_bytes
    assert seen["queue"]["max_size"] == bot.settings.ui_queue_size == 32


PLANTED = list({a.topic.name: a for a in attempts(full=False) if a.carrier != "edit"}.values())


@pytest.fixture(scope="module")
def planted_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The page over the essays plus the small injection battery's new documents."""
    root = copy_sources(tmp_path_factory.mktemp("ui-planted"))
    folder = root / "sources"
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    for i, attempt in enumerate(PLANTED):
        name = f"planted-{i}.{attempt.carrier}"
        (folder / name).write_text(attempt.document(), encoding="utf-8")
        manifest["documents"].append({"file": name, "label": f"Planted {i}", "lean": "mixed"})
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    yield from start_ui(root)


def test_a_planted_instruction_never_reaches_the_page(planted_server, browser) -> None:
    """The page's own HTML, after answers over documents carrying payloads, and with each
    answer's passage open: no trigger, address, image, script, frame or outside link."""
    url, _ = planted_server
    page = browser.new_page()
    page.goto(url)
    for entry, attempt in enumerate(PLANTED):
        send(page, "Ask", attempt.topic.question)
        settled = page.locator("#chat .message").nth(2 * entry + 1)
        expect(settled).not_to_contain_text("Drafting", timeout=ANSWER_TIMEOUT)
        marker = page.locator(f'#chat a[href="#cite-{entry}-1"]')
        if marker.count():  # an answer: open its first passage too
            marker.first.click()
            expect(page.locator("#passage-head")).to_contain_text("[1]")
        for part in ("#chat", "#passage", "#passage-head"):
            html = page.locator(part).inner_html()
            shown = page.locator(part).inner_text()
            assert not violations([shown], attempt.trigger), (part, shown)
            assert attempt.trigger not in html
        outside = page.locator(
            '#chat img, #chat script, #chat iframe, #chat a:not([href^="#cite-"]), '
            "#passage img, #passage script, #passage a"
        )
        assert outside.count() == 0
    shot(page, "planted")
    # a document deleted while the page is open: the next upload names it, changes nothing
    root = planted_server[1]
    gone = f"planted-0.{PLANTED[0].carrier}"
    (root / "sources" / gone).unlink()
    manifest = (root / "sources" / "manifest.yaml").read_bytes()
    upload = root.parent / "fine.txt"
    upload.write_text("A fine document about open models in schools.\n", encoding="utf-8")
    page.locator("#upload input[type=file]").set_input_files(str(upload))
    status = page.locator("#upload-status")
    expect(status).to_contain_text(gone, timeout=60_000)
    assert "\n" not in status.inner_text().strip()
    assert (root / "sources" / "manifest.yaml").read_bytes() == manifest
    page.close()
