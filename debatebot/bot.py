"""DebateBot: the Python API, a thin layer over the pipeline's stages (pipeline.py).

bot = DebateBot()                       # settings from the environment / defaults
answer = bot.ask("How many GPUs does Stanford's NLP lab have?")
for piece in bot.ask_stream(question):  # str pieces as generated, then the Answer
    ...
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from llama_index.core.base.embeddings.base import BaseEmbedding

from .backends import Backend
from .debating import Debater
from .errors import EmptyQuestionError, QuestionTooLongError
from .ingest import IngestReport
from .models import Answer, Debate, Side, Turn
from .motion import Motion
from .pipeline import Sources, compose, draft, retrieve, select, understand, verify
from .settings import Settings
from .store import Store

T = TypeVar("T")


class DebateBot:
    """Answers questions from the sources; every shown claim carries a checked citation.

    The seams (backend, embedder, stores) can be passed in; otherwise they are built from
    `settings`. The index is synced with the sources folder on start (built on first use,
    nothing re-embedded when unchanged); the model loads on first use.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        backend: Backend | None = None,
        embedder: BaseEmbedding | None = None,
        store: Store | None = None,
        unit_store: Store | None = None,
        progress: bool = False,
    ):
        self.settings = settings or Settings()
        self.sources, self.last_sync = Sources.build(
            self.settings,
            backend=backend,
            embedder=embedder,
            store=store,
            unit_store=unit_store,
            progress=progress,
        )
        self.debater = Debater(self.sources)

    @property
    def motion(self) -> Motion:
        """The motion the sources argue about (chosen by their manifest)."""
        return self.sources.motion

    @property
    def corpus(self):  # type: ignore[no-untyped-def]
        return self.sources.corpus

    @property
    def retriever(self):  # type: ignore[no-untyped-def]
        return self.sources.retriever

    @property
    def backend(self) -> Backend:
        """The language model, loaded on first use."""
        return self.sources.backend

    @property
    def model_name(self) -> str:
        """The model's name, once it is loaded ("" before)."""
        return self.sources.model_name

    def source_text(self, source: str) -> str:
        """The full text of a source file (cached)."""
        return self.sources.source_text(source)

    def index(
        self, paths: Sequence[Path] = (), progress: bool = False, lean: str | None = None
    ) -> IngestReport:
        """Add documents (all checked before anything changes), then sync the store.
        `lean`: the new documents' side of the motion, or "mixed" (without it they count
        for neither side)."""
        if paths:
            self.sources.corpus.add(list(paths), self.settings.max_document_bytes, lean)
        report = self.sources.sync(progress)
        self.sources.refresh()
        return report

    # --- asking --------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """A checked answer to `question` (a refusal when the sources don't cover it)."""
        return _final(self.ask_stream(question), Answer)

    def ask_stream(self, question: str) -> Iterator[str | Answer]:
        """Yield the model's text as it is generated, then the checked Answer."""
        question = self.validate(question)
        self.sources.current()  # another process may have added documents
        query = understand(question, self.sources)
        selection = select(query, retrieve(query, self.sources), self.sources)
        text = ""
        for piece in draft(selection, self.sources):  # nothing when the selection refuses
            text += piece
            yield piece
        kept, dropped = verify(text, selection, self.sources)
        yield compose(selection, kept, dropped, text, self.sources)

    # --- the debate modes (debating.py) ------------------------------------------------------

    def argue(self, topic: str, side: Side | None = None) -> Answer:
        """3 to 5 checked claims for `side` (a side of the motion, e.g. "open" or "closed";
        the motion's first side when not given) on `topic`."""
        return _final(self.argue_stream(topic, side), Answer)

    def argue_stream(self, topic: str, side: Side | None = None) -> Iterator[str | Answer]:
        """Model text as generated, then the checked Answer (see `argue`)."""
        self.sources.current()
        side = self.motion.side_keys[0] if side is None else side
        return self.debater.argue_stream(self.validate(topic), side)

    def steelman(self, claim: str, claim_side: Side | None = None) -> Answer:
        """The strongest cited case against `claim`, then what the claim gets right. The
        claim's side is read from it, unless `claim_side` says it (a side of the motion)."""
        return _final(self.steelman_stream(claim, claim_side), Answer)

    def steelman_stream(self, claim: str, claim_side: Side | None = None) -> Iterator[str | Answer]:
        self.sources.current()
        return self.debater.steelman_stream(self.validate(claim), claim_side)

    def debate(
        self, motion: str | None = None, rounds: int | None = None, student_side: Side | None = None
    ) -> Debate:
        """A debate on `motion` (the sources' motion when not given): the motion's two sides
        alternate for `rounds` rounds. With `student_side`, it stops at the student's turn:
        continue it with `reply`."""
        return _final(self.debate_stream(motion, rounds, student_side), Debate)

    def debate_stream(
        self, motion: str | None = None, rounds: int | None = None, student_side: Side | None = None
    ) -> Iterator[str | Turn | Debate]:
        """Model text and each Turn as they are made, then the Debate."""
        self.sources.current()
        return self.debater.debate_stream(
            self.validate(motion or self.motion.motion),
            self.settings.debate_rounds if rounds is None else rounds,
            student_side,
        )

    def reply(self, debate: Debate, text: str) -> Debate:
        """The debate with the student's turn `text` and the bot's rebuttal added."""
        return _final(self.reply_stream(debate, text), Debate)

    def reply_stream(self, debate: Debate, text: str) -> Iterator[str | Turn | Debate]:
        self.sources.current()
        return self.debater.reply_stream(debate, self.validate(text))

    def validate(self, question: str) -> str:
        """The question, stripped; typed errors for empty or overlong questions."""
        return validate_question(question, self.settings.max_question_chars)


def _final(stream: Iterator[object], kind: type[T]) -> T:
    """The last item of a stream, which must be a `kind`."""
    last = None
    for item in stream:
        last = item
    if not isinstance(last, kind):
        raise AssertionError(f"stream ended without a {kind.__name__}")  # pragma: no cover
    return last


def validate_question(question: str, limit: int) -> str:
    """The question, stripped; EmptyQuestionError / QuestionTooLongError otherwise."""
    if not isinstance(question, str) or not question.strip():
        raise EmptyQuestionError("The question is empty: type a question about the sources.")
    question = question.strip()
    if len(question) > limit:
        raise QuestionTooLongError(
            f"The question is {len(question):,} characters; the limit is {limit:,}. "
            "Ask something shorter."
        )
    return question
