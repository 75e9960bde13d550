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
)
from .corpus import Corpus
from .embeddings import DEFAULT_EMBED_MODEL, minilm_embedder
from .errors import EmptyQuestionError, QuestionTooLongError
from .ingest import IngestReport, sync
from .models import REFUSAL, Answer, Claim, Passage
from .prompts import load_prompt
from .retrieval import HybridRetriever
from .settings import Settings
from .store import Store
from .text import display, sentence_spans

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

    # --- asking --------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """A checked answer to `question` (a refusal when the sources don't cover it)."""
        for piece in self.ask_stream(question):
            if isinstance(piece, Answer):
                return piece
        raise AssertionError("ask_stream ended without an Answer")  # pragma: no cover

    def ask_stream(self, question: str) -> Iterator[str | Answer]:
        """Yield the model's text as it is generated, then the checked Answer."""
        question = self.validate(question)
        passages = self.retriever.retrieve(question)
        texts = {p.source: self.source_text(p.source) for p in passages}
        fallback = self._extractive(question, passages, texts)
        if not fallback:  # nothing retrieved answers the question: refuse without the model
            yield self._answer(question, passages, [], draft="")
            return
        messages = self._messages(question, passages)
        draft = ""
        for piece in self.backend.stream(messages):
            draft += piece
            yield piece
        yield self._compose(question, passages, texts, draft, fallback)

    def validate(self, question: str) -> str:
        """The question, stripped; typed errors for empty or overlong questions."""
        return validate_question(question, self.settings.max_question_chars)

    def _messages(self, question: str, passages: Sequence[Passage]) -> list[dict[str, str]]:
        """The answer prompt with as many passages (best first) as fit the context window."""
        shown = list(passages)
        while True:
            messages = self.prompt.render(
                question=question,
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
        threshold = self.settings.relevance_threshold
        relevant = [c for c in shown if self._relevance(question, c) >= threshold]
        dropped_text = [c.text for c, _ in dropped] + [c.text for c in shown if c not in relevant]
        if not relevant:
            relevant, _ = check_claims(fallback, passages, texts, self.settings.support_threshold)
        return self._answer(question, passages, _unique(relevant), draft, dropped_text)

    def _relevance(self, question: str, claim: Claim) -> float:
        return min(self.relevance.score(question, c.quote) for c in claim.citations)

    def _extractive(
        self, question: str, passages: Sequence[Passage], texts: dict[str, str]
    ) -> list[Claim]:
        """The source sentences that best answer the question, quoted verbatim."""
        scored = []
        for rank, p in enumerate(passages):
            text = texts[p.source]
            for a, b in passage_sentences(p, text):
                score = self.relevance.score(question, text[a:b])
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
            model=self._backend.model if self._backend else "",
            prompt_version=self.prompt.version,
        )


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


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[str, int]] = set()
    out = []
    for claim in claims:
        key = (claim.citations[0].source, claim.citations[0].start)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out
