"""Paragraph-sized, sentence-aware chunks that remember exactly where they came from.

A chunk is a span of the original file: `document.text[start:end] == chunk.text`, always.
Paragraphs are blank-line blocks, or single lines where a file writes one paragraph per
line. A paragraph that ends with a colon keeps the list items after it. Short paragraphs
(headings) join the next one; long ones are cut between sentences into windows of at most
`chunk_size` characters that repeat `overlap` sentences.
"""

from __future__ import annotations

import hashlib
import re

from pydantic import BaseModel

from .corpus import Document
from .text import Span, front_matter_end, iter_windows, sentence_spans

_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[•*\-–—·▪◦])[ \t]+")
MIN_CHUNK = 200  # a paragraph shorter than this (a heading, a byline) joins the next one


class Chunk(BaseModel):
    """A span of one document, ready to embed and store."""

    id: str
    source: str
    label: str
    title: str | None
    paragraph: int
    start: int
    end: int
    text: str
    lean: str | None = None  # the document's lean from the manifest: a prior for its stance

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store (Chroma accepts str/int/float/bool)."""
        meta: dict[str, str | int] = {
            "source": self.source,
            "label": self.label,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }
        if self.title:
            meta["title"] = self.title
        return meta


def chunk_id(source: str, start: int, text: str) -> str:
    """Deterministic id from the content and where it sits: same text, same id."""
    digest = hashlib.sha256(f"{source}\x00{start}\x00{text}".encode()).hexdigest()
    return digest[:32]


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blank-line blocks, split into lines when lines are paragraphs."""
    spans: list[Span] = []
    offset = front_matter_end(text)
    for block in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", text[offset:], re.S):
        a, b = block.start() + offset, block.end() + offset
        lines = [(m.start() + a, m.end() + a) for m in re.finditer(r"[^\n]*\S[^\n]*", text[a:b])]
        if _one_paragraph_per_line(text, lines):
            spans.extend(lines)
        else:
            spans.append((a, b))
    return spans


def _one_paragraph_per_line(text: str, lines: list[Span]) -> bool:
    # Hard-wrapped prose has lines that end mid-sentence; paragraph-per-line text does not.
    if len(lines) < 2:
        return False
    ends_sentence = sum(text[b - 1] in '.!?:"”)]' for a, b in lines)
    return ends_sentence >= 0.6 * len(lines)


def keep_lists_together(text: str, spans: list[Span], limit: int) -> list[Span]:
    """Paragraphs, with one that ends in a colon joined to the list items after it (while
    the whole stays within `limit` characters): a list is quoted with what introduces it."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        a, b = spans[i]
        i += 1
        if text[a:b].rstrip().endswith(":"):
            while i < len(spans) and _LIST_ITEM.match(text[spans[i][0] :]):
                if spans[i][1] - a > limit:
                    break
                b = spans[i][1]
                i += 1
        out.append((a, b))
    return out


def chunk_document(doc: Document, chunk_size: int = 1200, overlap: int = 1) -> list[Chunk]:
    """Cut one document into chunks; see the module docstring for the rules."""
    text = doc.text
    pieces: list[tuple[int, Span]] = []  # (paragraph number, span)
    pending: tuple[int, int] | None = None  # a short paragraph waiting to join the next
    b = 0
    spans = keep_lists_together(text, paragraphs(text), chunk_size)
    for number, (a, b) in enumerate(spans, start=1):
        if pending is not None:
            number, a = pending
            pending = None
        if b - a < MIN_CHUNK:
            pending = (number, a)
            continue
        if b - a <= chunk_size:
            pieces.append((number, (a, b)))
            continue
        for window in iter_windows(sentence_spans(text, a, b), chunk_size, overlap):
            pieces.append((number, (window[0][0], window[-1][1])))
    if pending is not None:  # a short last paragraph: its own chunk
        number, a = pending
        pieces.append((number, (a, b)))
    return [
        Chunk(
            id=chunk_id(doc.file, a, text[a:b]),
            source=doc.file,
            label=doc.label,
            title=doc.title,
            paragraph=number,
            start=a,
            end=b,
            text=text[a:b],
            lean=doc.lean,
        )
        for number, (a, b) in pieces
    ]
