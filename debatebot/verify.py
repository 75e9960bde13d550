"""Verify: code, not the model, decides whether a claim may be shown.

A claim is shown only if every citation it carries
  1. is verbatim: `source_text[start:end] == quote`;
  2. lies inside a passage the answer was built from;
  3. supports the claim: `support(claim, quote) >= support_threshold` (default 1.0).

`support` is lexical and order-aware. Hard alignment first — any of these makes it 0:
  - a number of the claim the quote lacks ("500 million" and "~500 million" agree);
  - a name (a capitalised word inside a sentence) the quote lacks;
  - a different number of negations ("not", "never", "nothing", "n't") in the two;
  - a modal verb of the claim ("will", "may", "could") the quote lacks;
  - a meaning-flipping word (more/less, win/lose, ahead/behind: `lexicon.CRITICAL`) the quote
    lacks, or has in another order.
Then coverage: the share of the claim's content words (lemmatised and stemmed) that the quote
contains in the same order (modal verbs and negations included, in place), consecutive ones at most
GAP terms apart (so a claim cannot
borrow a word from another part of the quote to swap a role). At the default threshold of 1.0
every content word must be there, in order, so a swapped word or role is rejected; a
paraphrase that changes words is rejected too (support for paraphrase is still to come).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from .models import Citation, Claim, Passage
from .text import (
    CRITICAL,
    claim_terms,
    content_terms,
    modals,
    names,
    negations,
    numbers,
    sentence_spans,
    stem,
    words,
)

_CRITICAL = frozenset(stem(w) for w in CRITICAL)


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


GAP = 4  # a claim's consecutive matched terms may lie at most this many terms apart in the quote


def local_matches(a: Sequence[str], b: Sequence[str], gap: int = GAP) -> int:
    """The most terms of `a` matched in order in `b` such that consecutive matches lie at most
    `gap` positions apart in `b`: a claim's words must stay together as they do in its quote
    ("powerful open models" is not "powerful closed models, ... open-source models")."""
    best = [0] * len(b)  # best[j]: longest chain so far ending at b[j]
    longest = 0
    for term in a:
        new = best[:]
        for j, other in enumerate(b):
            if other != term:
                continue
            before = max(best[max(0, j - gap) : j], default=0)
            new[j] = max(new[j], before + 1)
        best = new
        longest = max(longest, max(best, default=0))
    return longest


def mismatch(claim: str, quote: str) -> str | None:
    """The hard-alignment failure of a claim against a quote ("number", "name", "negation",
    "modality", "direction"), or None when they align."""
    if not numbers(claim) <= numbers(quote):
        return "number"
    if not names(claim) <= set(words(quote)):
        return "name"
    if negations(claim) != negations(quote):
        return "negation"
    if Counter(modals(claim)) - Counter(modals(quote)):
        return "modality"
    claim_terms = content_terms(claim)
    matched = lcs_matches(claim_terms, content_terms(quote))
    if any(t in _CRITICAL and i not in matched for i, t in enumerate(claim_terms)):
        return "direction"
    return None


def support(claim: str, quote: str) -> float:
    """How fully `quote` states `claim`, from 0 to 1 (see the module docstring)."""
    terms = claim_terms(claim)
    if not content_terms(claim) or mismatch(claim, quote):
        return 0.0
    return local_matches(terms, claim_terms(quote)) / len(terms)


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


def attribute(sentence: str, citations: Sequence[Citation]) -> tuple[Citation, float] | None:
    """The citation that best supports `sentence`, with its support score."""
    best: tuple[Citation, float] | None = None
    for c in citations:
        s = support(sentence, c.quote)
        if best is None or s > best[1]:
            best = (c, s)
    return best


MARKER = re.compile(r"\s*\[(\d+)(?:\s*,\s*\d+)*\]")  # "[1]" or "[1, 3]" after a sentence


def draft_claims(
    draft: str, pool: Sequence[Citation], numbered: bool = True, enough: float = 1.0
) -> list[Claim]:
    """Each sentence of a model's draft, its [n] markers removed, as a Claim citing the
    citation of `pool` that supports it best. With `numbered`, the model saw `pool` numbered
    from 1, so a citation its marker names is tried first and kept when its support reaches
    `enough` (the support threshold)."""
    claims = []
    for a, b in sentence_spans(draft):
        raw = draft[a:b]
        sentence = MARKER.sub("", raw).strip()
        if not sentence:
            continue
        hints = [int(n) for n in MARKER.findall(raw)] if numbered else []
        hinted = [pool[n - 1] for n in hints if 1 <= n <= len(pool)]
        found = attribute(sentence, hinted) if hinted else None
        if found is None or found[1] < enough:
            found = attribute(sentence, pool)
        claims.append(
            Claim(
                text=sentence,
                citations=[found[0]] if found else [],
                support=found[1] if found else 0.0,
            )
        )
    return claims


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
    failed = mismatch(claim, citation.quote)
    if failed:
        return f"{failed}: the quote does not say this"
    score = support(claim, citation.quote)
    if score < threshold:
        return f"support: the quote does not state it (support {score:.2f} < {threshold})"
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
