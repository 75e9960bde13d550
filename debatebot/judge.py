"""The support judge for evals: does a quoted passage support a claim? (yes / no)

The judge must not be the answer-time checker grading itself, so the default is a different
and stricter rule. `StrictJudge` says "supported" only when
  - every content word of the claim (stemmed) occurs in the quote, the claim's numbers are
    all in the quote, and negation agrees (the checker settles for 80% coverage);
  - every pair of content words adjacent in the claim appears in the same order in the quote
    (the checker only asks for one common subsequence);
  - the claim's meaning-flipping words (open/closed, more/less, ...) occur in the quote in
    the claim's order.
It is validated on the hand-labelled pairs in `evals/judge.yaml` (see `evals/README.md`).

`ModelJudge` asks a language model instead (any Backend: an Ollama server in a classroom);
set `DEBATEBOT_JUDGE=ollama` (and `DEBATEBOT_JUDGE_MODEL`). Its reply counts as "supported"
only when it starts with "yes"; anything else counts as no.
"""

from __future__ import annotations

import re
from typing import Protocol

from .backends import Backend, OllamaBackend
from .settings import Settings
from .text import CRITICAL_STEMS, content_terms, is_negated, numbers


class Judge(Protocol):
    name: str

    def supports(self, claim: str, quote: str) -> bool: ...


class StrictJudge:
    """Lexical, offline, stricter than the answer-time checker (see the module docstring)."""

    name = "strict-lexical.v1"

    def supports(self, claim: str, quote: str) -> bool:
        claim_terms, quote_terms = content_terms(claim), content_terms(quote)
        if not claim_terms or not set(claim_terms) <= set(quote_terms):
            return False
        if not numbers(claim) <= numbers(quote) or is_negated(claim) != _negated_near(
            quote, claim_terms
        ):
            return False
        position = {t: i for i, t in reversed(list(enumerate(quote_terms)))}  # first position
        for a, b in zip(claim_terms, claim_terms[1:], strict=False):
            if a != b and position[a] > _last(quote_terms, b):
                return False
        # the claim's meaning-flipping words, in order, within the quote's (repeats allowed)
        wanted = iter(t for t in quote_terms if t in CRITICAL_STEMS)
        return all(t in wanted for t in claim_terms if t in CRITICAL_STEMS)


class ModelJudge:
    """A language model as judge, through the same Backend seam as generation."""

    PROMPT = (
        "Passage: {quote}\n\nClaim: {claim}\n\n"
        "Does the passage state the claim, with no fact changed or added? Answer yes or no."
    )

    def __init__(self, backend: Backend):
        self.backend = backend
        self.name = f"model:{backend.model}"

    def supports(self, claim: str, quote: str) -> bool:
        reply = self.backend.complete(
            [
                {"role": "system", "content": "You check facts. Answer with one word."},
                {"role": "user", "content": self.PROMPT.format(quote=quote, claim=claim)},
            ]
        )
        return parse_verdict(reply)


def parse_verdict(reply: str) -> bool:
    """A model's yes / no: true only when the reply starts with the word "yes"."""
    return re.match(r"\W*yes\b", reply, re.I) is not None


def _negated_near(quote: str, claim_terms: list[str]) -> bool:
    """Whether a clause of the quote that shares a word with the claim is negated."""
    terms = set(claim_terms)
    return any(
        is_negated(clause) and terms & set(content_terms(clause))
        for clause in re.split(r"[,;:—–()]", quote)
    )


def _last(items: list[str], item: str) -> int:
    return len(items) - 1 - items[::-1].index(item)


def load_judge(settings: Settings) -> Judge:
    """The judge the settings ask for (`DEBATEBOT_JUDGE`)."""
    if settings.judge == "ollama":
        model = settings.judge_model or settings.ollama_model
        return ModelJudge(
            OllamaBackend.from_settings(settings.model_copy(update={"ollama_model": model}))
        )
    return StrictJudge()
