"""The classroom web page: a thin Gradio adapter over `chat.Session` and `DebateBot`.

    debatebot ui [--host 127.0.0.1] [--port 7860]

The bot (model and index) is built once per process and shared; each browser tab gets its
own Session. Clicking a citation marker in the chat runs a small script (`CITATION_JS`) that
puts the marker's reference in a hidden textbox and presses a hidden button, which fills
the passage panel. Nothing is fetched from the internet: analytics are off and Gradio serves
its own fonts and scripts.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from .bot import DebateBot  # noqa: E402
from .chat import ARGUE, READ, STEELMAN, WATCH, Session, modes, passage_view  # noqa: E402
from .errors import ConfigError, DebateBotError  # noqa: E402
from .settings import Settings  # noqa: E402

TITLE = "debatebot"
INTRO = (
    "# debatebot\n"
    "Ask a question, argue a side, steelman a claim or run a debate. Every sentence is "
    "checked against a verbatim quote from the sources; click a marker like **[1]** to "
    "see the passage it quotes."
)


def placeholder(mode: str, motion: str) -> str:
    """What the text box suggests in a mode (`motion`: the motion's wording)."""
    if mode.startswith(ARGUE):
        return "A topic, e.g. cost"
    return {
        "Ask": "A question about the sources, e.g. What is the main argument of each document?",
        STEELMAN: f"Your claim, e.g. {motion}",
        "Debate": f"The motion, e.g. {motion} — then your turns, if you take a side",
    }[mode]


# Clicks on our citation links (#cite-<entry>-<marker>) open the passage panel instead.
CITATION_JS = """
() => {
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href*="#cite-"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const ref = link.getAttribute("href").split("#cite-")[1];
    const box = document.querySelector("#cite-ref textarea, #cite-ref input");
    box.value = ref;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => document.querySelector("#cite-open").click(), 50);
  }, true);
}
"""


def concurrency_for(backend: str) -> int:
    """Generations served at once: the embedded model does one at a time."""
    return 1 if backend == "llamacpp" else 4


def build_app(bot: DebateBot) -> gr.Blocks:
    """The page, wired to `bot`. Call `.queue(...)` and `.launch(...)` on it (see `serve`)."""
    settings = bot.settings
    motion = bot.motion

    def corpus_rows() -> list[list[str]]:
        return [[e.file, e.label, e.lean or ""] for e in bot.corpus.entries()]

    def respond(
        session: Session, mode: str, text: str, rounds: float, student: str, claim_side: str
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the reply; the box empties while it runs and gets the text back on an error,
        so nothing typed is lost."""
        box: Any = ""  # emptied once; later updates leave what the student types next alone
        try:
            for messages in session.respond(bot, mode, text, int(rounds), student, claim_side):
                yield session, list(messages), "", gr.update(), box
                box = gr.update()
        except DebateBotError as exc:
            yield session, list(session.messages), f"⚠️ {exc}", gr.update(), text
            return
        yield session, list(session.messages), "", export_file(session), gr.update()

    def export_file(session: Session) -> str:
        folder = Path(tempfile.mkdtemp(prefix="debatebot-export-"))
        path = folder / "debatebot-conversation.md"
        path.write_text(session.to_markdown(), encoding="utf-8")
        return str(path)

    def open_citation(session: Session, ref: str) -> tuple[str, Any]:
        try:
            citation = session.citation(ref)
        except DebateBotError as exc:
            return f"⚠️ {exc}", None
        header, segments = passage_view(citation, bot.source_text(citation.source))
        return header, segments

    def upload(path: str | None, progress: gr.Progress = gr.Progress(track_tqdm=True)):  # noqa: B008
        if not path:
            return gr.update(), gr.update()
        progress(0, desc="Checking the document")
        try:
            report = bot.index([Path(path)], progress=True)
        except DebateBotError as exc:  # name the file as the student knows it, not its temp path
            return f"⚠️ Not added: {str(exc).replace(path, Path(path).name)}", corpus_rows()
        return f"✅ Added {Path(path).name}. {report.summary()}", corpus_rows()

    def reset() -> tuple[Session, list[Any], str, str, None, None]:
        return Session(), [], "", "Click a citation marker to see its passage.", None, None

    def mode_changed(mode: str) -> tuple[Any, Any, Any]:
        return (
            gr.update(visible=mode == "Debate"),
            gr.update(visible=mode == STEELMAN),
            gr.update(placeholder=placeholder(mode, motion.motion)),
        )

    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True) as app:
        session = gr.State(Session())  # copied for each tab (a callable would be an endpoint)
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=3):
                mode = gr.Radio(modes(motion), value="Ask", label="Mode", elem_id="mode")
                with gr.Row(visible=False) as debate_options:
                    rounds = gr.Slider(1, 10, value=settings.debate_rounds, step=1, label="Rounds")
                    student = gr.Radio(
                        [WATCH, *motion.side_keys], value=WATCH, label="You argue",
                        elem_id="student",
                    )  # fmt: skip
                with gr.Row(visible=False) as steelman_options:
                    claim_side = gr.Radio(
                        [(READ, READ), *((motion.name(s), s) for s in motion.side_keys)],
                        value=READ, label="Your claim argues", elem_id="claim-side",
                    )  # fmt: skip
                chat = gr.Chatbot(
                    label="Conversation",
                    height=520,
                    sanitize_html=True,
                    allow_tags=False,
                    feedback_options=None,
                    buttons=["copy_all"],
                    elem_id="chat",
                )
                with gr.Row():
                    text = gr.Textbox(
                        placeholder=placeholder("Ask", motion.motion),
                        show_label=False,
                        scale=5,
                        max_length=settings.max_question_chars,
                        elem_id="question",
                    )
                    send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
                status = gr.Markdown(elem_id="status")
                with gr.Row():
                    clear = gr.Button("Reset conversation", elem_id="reset")
                    export = gr.DownloadButton("Export as Markdown", value=None, elem_id="export")
            with gr.Column(scale=2):
                gr.Markdown("### Passage")
                passage_head = gr.Markdown(
                    "Click a citation marker to see its passage.", elem_id="passage-head"
                )
                passage = gr.HighlightedText(
                    show_label=False,
                    color_map={"quoted": "#fde68a"},
                    show_inline_category=False,
                    elem_id="passage",
                )
                gr.Markdown("### Documents")
                document = gr.File(
                    label="Add a document (.txt or .md, UTF-8)",
                    file_types=[".txt", ".md"],
                    type="filepath",
                    elem_id="upload",
                )
                upload_status = gr.Markdown(elem_id="upload-status")
                corpus = gr.Dataframe(
                    value=corpus_rows(),
                    headers=["file", "label", "lean"],
                    column_widths=["50%", "35%", "15%"],
                    wrap=True,
                    interactive=False,
                    elem_id="corpus",
                )
        cite_ref = gr.Textbox(visible="hidden", elem_id="cite-ref")
        cite_open = gr.Button(visible="hidden", elem_id="cite-open")

        inputs = [session, mode, text, rounds, student, claim_side]
        outputs = [session, chat, status, export, text]
        for trigger in (send.click, text.submit):
            trigger(respond, inputs, outputs, concurrency_id="bot", api_visibility="private")
        app.load(corpus_rows, None, corpus, api_visibility="private")  # fresh on each visit
        mode.change(
            mode_changed, mode, [debate_options, steelman_options, text], api_visibility="private"
        )
        cite_open.click(
            open_citation, [session, cite_ref], [passage_head, passage], api_visibility="private"
        )
        document.upload(
            upload,
            document,
            [upload_status, corpus],
            concurrency_id="bot",
            api_visibility="private",
        )
        clear.click(
            reset,
            None,
            [session, chat, status, passage_head, passage, export],
            api_visibility="private",
        )

        # The API a script uses (gradio_client): one call per mode, no session.
        def api_answer(mode: str, text: str, claim_side: str = "") -> dict[str, Any]:
            """Answer `text` in a mode (Ask, "Argue: <side name>" or "Argue <side>", Steelman
            the other side); a steelman's `claim_side` is the side the claim takes ("open"),
            read from the claim when empty. Returns the checked Answer as JSON."""
            one = Session()
            try:
                for _ in one.respond(bot, mode, text, claim_side=claim_side or READ):
                    pass
            except DebateBotError as exc:
                raise gr.Error(str(exc)) from exc
            entry = one.entries[-1]
            return entry.model_dump(mode="json")

        gr.api(api_answer, api_name="answer", concurrency_id="bot")
    return app


def login(host: str, settings: Settings) -> tuple[str, str] | None:
    """The page's (user, password), or None on loopback without a password. A page bound to
    any other address must have one: anyone on the network could otherwise use it."""
    password = settings.ui_password.get_secret_value() if settings.ui_password else None
    if password:
        return (settings.ui_user, password)
    if not is_loopback(host):
        raise ConfigError(
            f"binding {host} would open the page to the whole network without a password; "
            "set DEBATEBOT_UI_PASSWORD (and DEBATEBOT_UI_USER, default 'class'), or use "
            "--host 127.0.0.1."
        )
    return None


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) stays on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: only "localhost" is known to stay on this machine
        return False


def serve(bot: DebateBot, host: str, port: int, queue_size: int, block: bool = True) -> gr.Blocks:
    """Start the page (and block, unless `block=False`). Binds `host` only; never shared;
    behind a password when it is not bound to loopback."""
    auth = login(host, bot.settings)
    app = build_app(bot)
    app.queue(default_concurrency_limit=concurrency_for(bot.settings.backend), max_size=queue_size)
    app.launch(
        auth=auth,
        server_name=host,
        server_port=port,
        share=False,
        show_error=False,
        js=CITATION_JS,
        max_file_size=10 * bot.settings.max_document_bytes,
        footer_links=["api"],
        prevent_thread_lock=not block,
        quiet=True,  # `debatebot ui` says where the page is; Gradio's lines suggest share=True
    )
    return app
