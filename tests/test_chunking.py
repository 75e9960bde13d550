"""Chunks and sentences are exact spans of the source files."""

from __future__ import annotations

import pytest

from debatebot.chunking import chunk_document, paragraphs
from debatebot.corpus import Corpus, Document
from debatebot.text import display, quote_span, sentence_spans

from .conftest import SOURCES

DOCS = Corpus(SOURCES).documents()


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_chunks_round_trip_to_the_file(doc: Document) -> None:
    raw = (SOURCES / doc.file).read_bytes().decode("utf-8")
    chunks = chunk_document(doc, chunk_size=1200, overlap=1)
    assert chunks
    for c in chunks:
        assert raw[c.start : c.end] == c.text
        assert len(c.text) <= 1200 or "\n" not in c.text
        assert c.source == doc.file and c.label == doc.label
    assert len({c.id for c in chunks}) == len(chunks)


def test_chunks_follow_paragraphs_and_skip_front_matter() -> None:
    allin = next(d for d in DOCS if d.file.startswith("allin"))
    chunks = chunk_document(allin)
    assert not any("videoId" in c.text for c in chunks)  # YAML front matter is not indexed
    # the Stanford essay writes one paragraph per line: each line is a paragraph
    stanford = next(d for d in DOCS if d.file.startswith("stanford"))
    assert len(paragraphs(stanford.text)) == stanford.text.strip().count("\n") + 1


def test_long_paragraphs_split_between_sentences_with_overlap() -> None:
    sentences = [f"Sentence number {i} talks about open models and costs." for i in range(40)]
    doc = Document(file="long.txt", label="long", text=" ".join(sentences))
    chunks = chunk_document(doc, chunk_size=300, overlap=1)
    assert len(chunks) > 5
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.start < a.end  # one sentence repeated
        assert a.text.endswith(".") and b.text.startswith("Sentence")


def test_hard_wrapped_paragraphs_stay_whole() -> None:
    text = (
        "Open models are catching up with closed\nmodels on most benchmarks, and they cost\n"
        "less to run in many settings that matter.\n\n"
        "Closed labs still spend far more on\ncompute than anyone else can afford to,\n"
        "and that gap keeps growing every year.\n"
    )
    assert [text[a:b].count("\n") for a, b in paragraphs(text)] == [2, 2]


def test_sentence_spans_respect_abbreviations_and_lines() -> None:
    text = "Big labs (Google, Microsoft, etc.) lead. E.g. GPT-4 cost $100 million.\nNew line here"
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got == [
        "Big labs (Google, Microsoft, etc.) lead.",
        "E.g. GPT-4 cost $100 million.",
        "New line here",
    ]


def test_quote_span_drops_trailing_timestamps_and_display_strips_markup() -> None:
    text = (
        'AI is [[x_y | a new platform]] <a class="yt-timestamp" data-t="00:14:04">[00:14:04]</a>.'
    )
    a, b = quote_span(text, 0, len(text))
    assert text[a:b] == "AI is [[x_y | a new platform]]"
    assert display(text) == "AI is a new platform."
