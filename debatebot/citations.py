"""The citation checker: code, not the model, decides what may be shown.

A claim is shown only if every citation it carries
  1. is verbatim: `source_text[start:end] == quote`;
  2. lies inside a passage that was retrieved for this question;
  3. supports the claim: `support(claim, quote) >= support_threshold`.

`support` is lexical and order-aware, deliberately strict: the share of the claim's content
words (stemmed, stopwords dropped) that the quote contains *in the same order* (longest common
subsequence). It is 0 when the claim states a number the quote lacks, when exactly one of the
two is negated, or when a meaning-flipping word of the claim (open/closed, more/less,
better/worse, ...: `text.CRITICAL`) is not matched in that order. Swapped numbers, inverted
comparisons ("open beats closed" from "closed beats open"), dropped or added negations and
invented words all fall below the threshold.

`relevance` scores how well a sentence answers a question: the idf-weighted share of the
question's key terms it contains, and 0 when the question asks for a number ("how many",
"when", ...) and the sentence has none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

from .models import Citation, Claim, Passage
from .text import (
    CRITICAL,
    QUESTION_WORDS,
    content_terms,
    has_quantity,
    has_time,
    is_negated,
    names,
    numbers,
    quote_span,
    sentence_spans,
    stem,
    words,
)

_CRITICAL = frozenset(stem(w) for w in CRITICAL)
_WANTS_NUMBER = re.compile(
    r"^\s*(how (many|much|large|big|long|often)|what (percentage|share|fraction|"
    r"number|amount|price|cost)|by how much)",
    re.I,
)
_ATTRIBUTION = re.compile(r",?\s*\baccording to [^,?.;]+", re.I)
_PRONOUN_START = re.compile(r"^\W*(he|she|it|they|its|his|her|their)\b", re.I)
_WANTS_TIME = re.compile(r"^\s*(when\b|(in )?what year\b)", re.I)


def lcs_matches(a: Sequence[str], b: Sequence[str]) -> set[int]:
    """Indices of `a` in one longest common subsequence of the token lists `a` and `b`."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
            )
    matched, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            matched.add(i)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return matched


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token lists."""
    return len(lcs_matches(a, b))


def support(claim: str, quote: str) -> float:
    """How fully `quote` states `claim`, from 0 to 1 (see the module docstring)."""
    claim_terms = content_terms(claim)
    if not claim_terms:
        return 0.0
    if not numbers(claim) <= numbers(quote) or not names(claim) <= set(words(quote)):
        return 0.0  # a number or a name the quote doesn't have is a fact it doesn't state
    if is_negated(claim) != is_negated(quote):
        return 0.0
    matched = lcs_matches(claim_terms, content_terms(quote))
    if any(t in _CRITICAL and i not in matched for i, t in enumerate(claim_terms)):
        return 0.0  # a meaning-flipping word missing or out of place (e.g. roles swapped)
    return len(matched) / len(claim_terms)


class Relevance:
    """Scores sentences against a question, weighting terms by their rarity in the corpus."""

    def __init__(self, texts: Iterable[str]):
        df: dict[str, int] = {}
        n = 0
        for text in texts:
            n += 1
            for term in set(content_terms(text)):
                df[term] = df.get(term, 0) + 1
        self._n = n
        self._df = df

    def idf(self, term: str) -> float:
        d = self._df.get(term, 0)
        return math.log(1 + (self._n - d + 0.5) / (d + 0.5))

    def key_terms(self, question: str, ignore: frozenset[str] = frozenset()) -> set[str]:
        """The question's content terms, without the words every question is made of
        (and without the stemmed terms in `ignore`)."""
        skip = {stem(w) for w in QUESTION_WORDS} | ignore
        question = _ATTRIBUTION.sub("", question)  # "according to Luttig" names a source
        return {t for t in content_terms(question) if t not in skip}

    def score(
        self,
        question: str,
        sentence: str,
        ignore: frozenset[str] = frozenset(),
        context: str = "",
    ) -> float:
        """Idf-weighted share of the question's key terms found in the sentence (0..1).

        `context` is the sentence before, counted only when this one opens with a pronoun
        ("He bought ...", "It began as ..."): its terms name what the pronoun stands for.
        """
        keys = self.key_terms(question, ignore)
        if not keys:
            return 0.0
        if _WANTS_NUMBER.search(question) and not has_quantity(sentence):
            return 0.0
        if _WANTS_TIME.search(question) and not has_time(sentence):
            return 0.0
        have = set(content_terms(sentence))
        if context and _PRONOUN_START.match(sentence):
            have |= set(content_terms(context))
        total = sum(self.idf(t) for t in keys)
        return sum(self.idf(t) for t in keys if t in have) / total


def passage_sentences(passage: Passage, source_text: str) -> list[tuple[int, int]]:
    """Quotable sentence spans of a passage, as offsets into the source text."""
    return [
        quote_span(source_text, a, b)
        for a, b in sentence_spans(source_text, passage.start, passage.end)
    ]


def cite(passage: Passage, source_text: str, start: int, end: int) -> Citation:
    """A citation of `source_text[start:end]`, which lies in `passage`."""
    return Citation(
        source=passage.source,
        label=passage.label,
        title=passage.title,
        start=start,
        end=end,
        quote=source_text[start:end],
        passage_id=passage.id,
        stance=passage.stance,
    )


def attribute(
    sentence: str, passages: Sequence[Passage], texts: Mapping[str, str]
) -> tuple[Citation, float] | None:
    """The retrieved source sentence that best supports `sentence`, with its support score."""
    best: tuple[Citation, float] | None = None
    for p in passages:
        text = texts[p.source]
        for a, b in passage_sentences(p, text):
            s = support(sentence, text[a:b])
            if best is None or s > best[1]:
                best = (cite(p, text, a, b), s)
    return best


def citation_problem(
    citation: Citation,
    claim: str,
    passages: Sequence[Passage],
    texts: Mapping[str, str],
    threshold: float,
) -> str | None:
    """Why this citation cannot back this claim, or None when it can."""
    text = texts.get(citation.source)
    if text is None:
        return f"unknown source {citation.source!r}"
    if text[citation.start : citation.end] != citation.quote:
        return "quote is not the source text at its offsets"
    inside = any(
        p.id == citation.passage_id
        and p.source == citation.source
        and p.start <= citation.start
        and citation.end <= p.end
        for p in passages
    )
    if not inside:
        return "quote is not in a retrieved passage"
    score = support(claim, citation.quote)
    if score < threshold:
        return f"quote does not support the claim (support {score:.2f} < {threshold})"
    return None


def check_claims(
    claims: Sequence[Claim],
    passages: Sequence[Passage],
    texts: Mapping[str, str],
    threshold: float,
) -> tuple[list[Claim], list[tuple[Claim, str]]]:
    """Split claims into (shown, dropped with the reason); a claim needs ≥1 citation, all good."""
    shown: list[Claim] = []
    dropped: list[tuple[Claim, str]] = []
    for claim in claims:
        if not claim.citations:
            dropped.append((claim, "no citation"))
            continue
        problems = [
            p
            for c in claim.citations
            if (p := citation_problem(c, claim.text, passages, texts, threshold))
        ]
        if problems:
            dropped.append((claim, problems[0]))
        else:
            shown.append(claim)
    return shown, dropped


Key = tuple[str, int, int]  # (source, start, end) of a quoted span


def span_key(claim: Claim) -> Key:
    """The span a claim's first citation quotes."""
    c = claim.citations[0]
    return (c.source, c.start, c.end)


def unique_claims(claims: Sequence[Claim]) -> list[Claim]:
    """Claims in order, each quoted span once."""
    seen: set[Key] = set()
    out = []
    for claim in claims:
        if span_key(claim) not in seen:
            seen.add(span_key(claim))
            out.append(claim)
    return out


def number_citations(claims: list[Claim], markers: dict[Key, int] | None = None) -> list[Claim]:
    """Give each distinct quoted span a marker [n], in order of first use.

    Pass the same `markers` dict across calls to number several answers as one (a debate).
    """
    markers = {} if markers is None else markers
    out = []
    for claim in claims:
        cites = []
        for c in claim.citations:
            key = (c.source, c.start, c.end)
            markers.setdefault(key, len(markers) + 1)
            cites.append(c.model_copy(update={"marker": markers[key]}))
        out.append(claim.model_copy(update={"citations": cites}))
    return out


def render(claims: Sequence[Claim]) -> str:
    """The text a person sees: each claim followed by its markers."""
    return " ".join(
        f"{c.text} " + "".join(f"[{x.marker}]" for x in c.citations) for c in claims
    ).strip()
