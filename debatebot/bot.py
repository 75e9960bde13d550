"""DebateBot: the Python API. Retrieve, generate, check, and show only what survives.

bot = DebateBot()                       # settings from the environment / defaults
answer = bot.ask("How many GPUs does Stanford's NLP lab have?")
for piece in bot.ask_stream(question):  # str pieces as generated, then the Answer
    ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from llama_index.core.base.embeddings.base import BaseEmbedding

from .backends import Backend, load_backend
from .citations import (
    Relevance,
    attribute,
    check_claims,
    cite,
    number_citations,
    passage_sentences,
    render,
    unique_claims,
)
from .corpus import Corpus
from .debating import Debater
from .embeddings import DEFAULT_EMBED_MODEL, minilm_embedder
from .errors import EmptyQuestionError, QuestionTooLongError
from .ingest import IngestReport, sync
from .models import REFUSAL, Answer, Claim, Debate, Passage, Side, Turn
from .prompts import Prompt, load_prompt
from .retrieval import HybridRetriever
from .settings import Settings
from .store import Store
from .text import display, sentence_spans

T = TypeVar("T")
ANSWER_PROMPT = "answer.v1"
_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
NEAR_BEST = 0.15  # extractive answers take sentences scoring within this of the best one


class DebateBot:
    """Answers questions from the sources; every shown claim carries a checked citation.

    The seams (backend, embedder, store) can be passed in; otherwise they are built from
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
        progress: bool = False,
    ):
        self.settings = settings or Settings()
        self.corpus = Corpus(self.settings.sources_dir)
        self.embedder = embedder or minilm_embedder(self.settings.embed_batch_size)
        self.store = store or Store.from_settings(self.settings, DEFAULT_EMBED_MODEL)
        self._backend = backend
        self._debater: Debater | None = None
        self.prompt = load_prompt(ANSWER_PROMPT)
        self.last_sync = self._sync(progress)
        self.retriever = HybridRetriever(
            self.store, self.embedder, self.settings.top_k, self.settings.candidate_k
        )
        self._refresh()

    # --- the index ---------------------------------------------------------------------

    def index(self, paths: Sequence[Path] = (), progress: bool = False) -> IngestReport:
        """Add documents (all checked before anything changes), then sync the store."""
        if paths:
            self.corpus.add(list(paths), self.settings.max_document_bytes)
        report = self._sync(progress)
        self.retriever.refresh()
        self._refresh()
        return report

    def _sync(self, progress: bool) -> IngestReport:
        return sync(
            self.corpus,
            self.store,
            self.embedder,
            self.settings.chunk_size,
            self.settings.chunk_overlap,
            progress=progress,
        )

    def _refresh(self) -> None:
        self._texts: dict[str, str] = {}
        self.relevance = Relevance(n.get_content() for n in self.retriever.nodes)

    def source_text(self, source: str) -> str:
        """The full text of a source file (cached)."""
        if source not in self._texts:
            self._texts[source] = self.corpus.text(source)
        return self._texts[source]

    # --- the model -----------------------------------------------------------------------

    @property
    def backend(self) -> Backend:
        """The language model, loaded on first use."""
        if self._backend is None:
            self._backend = load_backend(self.settings)
        return self._backend

    @property
    def model_name(self) -> str:
        """The model's name, once it is loaded ("" before)."""
        return self._backend.model if self._backend else ""

    # --- asking --------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """A checked answer to `question` (a refusal when the sources don't cover it)."""
        return _final(self.ask_stream(question), Answer)

    def ask_stream(self, question: str) -> Iterator[str | Answer]:
        """Yield the model's text as it is generated, then the checked Answer."""
        question = self.validate(question)
        passages = self.retriever.retrieve(question)
        texts = self.texts_of(passages)
        fallback = self._extractive(question, passages, texts)
        if not fallback:  # nothing retrieved answers the question: refuse without the model
            yield self._answer(question, passages, [], draft="")
            return
        messages = self.messages(self.prompt, passages, question=question)
        draft = ""
        for piece in self.backend.stream(messages):
            draft += piece
            yield piece
        yield self._compose(question, passages, texts, draft, fallback)

    # --- the debate modes (debating.py) ------------------------------------------------------

    def argue(self, topic: str, side: Side = "open") -> Answer:
        """3 to 5 checked claims for `side` ("open" or "closed") on `topic`."""
        return _final(self.argue_stream(topic, side), Answer)

    def argue_stream(self, topic: str, side: Side = "open") -> Iterator[str | Answer]:
        """Model text as generated, then the checked Answer (see `argue`)."""
        return self.debater.argue_stream(topic, side)

    def steelman(self, claim: str) -> Answer:
        """The strongest cited case against `claim`, then what the claim gets right."""
        return _final(self.steelman_stream(claim), Answer)

    def steelman_stream(self, claim: str) -> Iterator[str | Answer]:
        return self.debater.steelman_stream(claim)

    def debate(
        self, motion: str, rounds: int | None = None, student_side: Side | None = None
    ) -> Debate:
        """A debate on `motion`: open and closed alternate for `rounds` rounds. With
        `student_side`, it stops at the student's turn: continue it with `reply`."""
        return _final(self.debate_stream(motion, rounds, student_side), Debate)

    def debate_stream(
        self, motion: str, rounds: int | None = None, student_side: Side | None = None
    ) -> Iterator[str | Turn | Debate]:
        """Model text and each Turn as they are made, then the Debate."""
        return self.debater.debate_stream(
            motion, self.settings.debate_rounds if rounds is None else rounds, student_side
        )

    def reply(self, debate: Debate, text: str) -> Debate:
        """The debate with the student's turn `text` and the bot's rebuttal added."""
        return _final(self.reply_stream(debate, text), Debate)

    def reply_stream(self, debate: Debate, text: str) -> Iterator[str | Turn | Debate]:
        return self.debater.reply_stream(debate, text)

    @property
    def debater(self) -> Debater:
        if self._debater is None:
            self._debater = Debater(self)
        return self._debater

    def validate(self, question: str) -> str:
        """The question, stripped; typed errors for empty or overlong questions."""
        return validate_question(question, self.settings.max_question_chars)

    def messages(
        self, prompt: Prompt, passages: Sequence[Passage], **variables: str
    ) -> list[dict[str, str]]:
        """`prompt` with as many passages (best first) as fit the context window."""
        shown = list(passages)
        while True:
            messages = prompt.render(
                **variables,
                passages=[
                    {"n": i, "label": p.label, "text": _as_data(p.text)}
                    for i, p in enumerate(shown, start=1)
                ],
            )
            if not shown or self.backend.fits(messages):
                return messages
            shown.pop()

    def _compose(
        self,
        question: str,
        passages: Sequence[Passage],
        texts: dict[str, str],
        draft: str,
        fallback: list[Claim],
    ) -> Answer:
        """Check the model's sentences; fall back to source sentences when none survive."""
        shown, dropped_text = self.check_draft(draft, passages, texts)
        threshold = self.settings.relevance_threshold
        relevant = [c for c in shown if self.relevance_of(question, c) >= threshold]
        dropped_text += [c.text for c in shown if c not in relevant]
        if not relevant:
            relevant, _ = check_claims(fallback, passages, texts, self.settings.support_threshold)
        return self._answer(question, passages, unique_claims(relevant), draft, dropped_text)

    def check_draft(
        self, draft: str, passages: Sequence[Passage], texts: dict[str, str]
    ) -> tuple[list[Claim], list[str]]:
        """The model's sentences, each attributed to its best source sentence and checked:
        (claims that pass, texts of those dropped)."""
        claims: list[Claim] = []
        for a, b in sentence_spans(draft):
            sentence = _MARKER.sub("", draft[a:b]).strip()
            if not sentence or sentence.rstrip(".") == REFUSAL.rstrip("."):
                continue
            found = attribute(sentence, passages, texts)
            citations = [found[0]] if found else []
            claims.append(
                Claim(text=sentence, citations=citations, support=found[1] if found else 0.0)
            )
        shown, dropped = check_claims(claims, passages, texts, self.settings.support_threshold)
        return shown, [c.text for c, _ in dropped]

    def relevance_of(self, question: str, claim: Claim) -> float:
        """How well the claim's least relevant quote answers the question (0..1)."""
        return min(self.relevance.score(question, c.quote) for c in claim.citations)

    def texts_of(self, passages: Sequence[Passage]) -> dict[str, str]:
        """{source: full text} for the sources of these passages."""
        return {p.source: self.source_text(p.source) for p in passages}

    def _extractive(
        self, question: str, passages: Sequence[Passage], texts: dict[str, str]
    ) -> list[Claim]:
        """The source sentences that best answer the question, quoted verbatim."""
        scored = []
        for rank, p in enumerate(passages):
            text = texts[p.source]
            before = ""  # the sentence before, in the same passage
            for a, b in passage_sentences(p, text):
                score = self.relevance.score(question, text[a:b], context=before)
                before = text[a:b]
                if score >= self.settings.relevance_threshold:
                    scored.append((score, -rank, cite(p, text, a, b)))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        if not scored:
            return []
        best = scored[0][0]
        return [
            Claim(text=display(c.quote), citations=[c], support=1.0, origin="extractive")
            for score, _, c in scored[: self.settings.max_claims]
            if score >= best - NEAR_BEST
        ]

    def _answer(
        self,
        question: str,
        passages: Sequence[Passage],
        claims: list[Claim],
        draft: str,
        dropped: list[str] | None = None,
    ) -> Answer:
        claims = number_citations(claims[: self.settings.max_claims])
        return Answer(
            question=question,
            text=render(claims) if claims else REFUSAL,
            refused=not claims,
            claims=claims,
            passages=list(passages),
            draft=draft,
            dropped=dropped or [],
            model=self.model_name,
            prompt_version=self.prompt.version,
        )


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


def _as_data(text: str) -> str:
    """Passage text for the prompt: readable, and unable to close its <passage> tag."""
    return display(text).replace("<", "‹").replace(">", "›")
