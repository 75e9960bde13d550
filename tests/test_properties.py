"""Properties (Hypothesis) of what must hold for any text: chunk offsets, quotable units and
quotes map exactly to the file; invisible characters are dropped, never moved; citation
markers number spans in order of first use; text from outside can't change the structure of
the Markdown export or the chat message."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from debatebot.chat import answer_message, turn_message
from debatebot.chunking import chunk_document
from debatebot.compose import number_citations
from debatebot.corpus import Document
from debatebot.instructions import gives_orders
from debatebot.markdown import answer_markdown, debate_markdown
from debatebot.models import Answer, Citation, Claim, Debate, Turn
from debatebot.text import INVISIBLE, display
from debatebot.units import quotable_units

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORD = st.sampled_from(
    [
        "open",
        "closed",
        "models",
        "labs",
        "school",
        "cost",
        "the",
        "a",
        "of",
        "and",
        "GPUs",
        "64",
        "nothing",
        "Luttig’s",
        "said",
        "never",
        "safer",
        "weights",
        "data",
        "Llama",
        "don't",
        "2023",
        "500",
        "million",
    ]
)
INVISIBLES = st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\U000e0041"])
SENTENCE = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(WORD, min_size=1, max_size=18),
    st.sampled_from([".", "!", "?", ":", "", '."', ".)"]),
)
PARAGRAPH = st.builds(
    lambda ss, sep: sep.join(ss),
    st.lists(SENTENCE, min_size=1, max_size=8),
    st.sampled_from([" ", "\n", "  ", "\r\n"]),
)
DOCUMENT = st.builds(
    lambda head, ps, gap: head + gap.join(ps),
    st.sampled_from(["", "# Title\n\n", "---\ntitle: x\n---\n", "By A. Writer\n\n"]),
    st.lists(PARAGRAPH, min_size=1, max_size=12),
    st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n", "\n\n\n"]),
)
# anything a source, a model or a student could put where text goes
PIECE = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
    st.sampled_from(list("[]()<>!*_`#-+.|~&$\\\n:/=\"'")),
    st.sampled_from(["![x](http://e.x/i.png)", "<script>", "[a](b)", "<img src=x>", "**"]),
    st.sampled_from(["https://e.x/p", "www.e.x", "javascript:alert(1)", "&lt;b&gt;", "1. "]),
)
HOSTILE = st.lists(PIECE, max_size=12).map("".join)


def _with_invisibles(text: str, picks: list[tuple[int, str]]) -> str:
    for at, ch in sorted(picks, reverse=True):
        i = at % (len(text) + 1)
        text = text[:i] + ch + text[i:]
    return text


@FAST
@given(DOCUMENT, st.lists(st.tuples(st.integers(0, 10_000), INVISIBLES), max_size=6))
def test_chunks_and_units_are_exact_spans_of_the_file(text: str, picks) -> None:
    text = _with_invisibles(text, picks)
    doc = Document(file="d.txt", label="D", text=text)
    chunks = chunk_document(doc, chunk_size=300, overlap=1)
    for c in chunks:
        assert 0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.text
        for a, b in quotable_units(text, c.start, c.end):
            assert c.start <= a < b <= c.end and text[a:b].strip()
            assert not gives_orders(text[a:b])
    assert len({c.id for c in chunks}) == len(chunks)
    covered = set()
    for c in chunks:
        covered |= set(range(c.start, c.end))
    body = text.split("\n---\n", 1)[-1] if text.startswith("---\n") else text
    offset = len(text) - len(body)
    for i, ch in enumerate(body):  # no visible text is left out of every chunk
        if not ch.isspace() and not INVISIBLE.match(ch):
            assert i + offset in covered, (i + offset, text)


@FAST
@given(HOSTILE, st.lists(st.tuples(st.integers(0, 10_000), INVISIBLES), max_size=6))
def test_invisible_characters_are_dropped_never_moved(text: str, picks) -> None:
    hidden = _with_invisibles(text, picks)
    assert display(hidden) == display(INVISIBLE.sub("", hidden))
    assert not INVISIBLE.search(display(hidden))
    assert not re.search(r"https?:|www\.|javascript:|<[a-z/!][^>]*>", display(hidden), re.I)


def _citation(source_text: str, a: int, b: int, source: str = "s.txt") -> Citation:
    return Citation(
        source=source, label="S", start=a, end=b, quote=source_text[a:b], passage_id="p"
    )


SPANS = st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt"]), st.integers(0, 5)), max_size=12)


@FAST
@given(SPANS, st.integers(0, 3))
def test_markers_number_spans_in_order_of_first_use(spans, earlier: int) -> None:
    text = "0123456789"
    claims = [
        Claim(text="c", citations=[_citation(text, a, a + 2, s)], origin="extractive")
        for s, a in spans
    ]
    markers = {("z.txt", i, i + 1): i + 1 for i in range(earlier)}  # a debate's earlier turns
    numbered = number_citations(claims, markers)
    seen: dict[tuple[str, int], int] = {}
    for (s, a), claim in zip(spans, numbered, strict=True):
        marker = claim.citations[0].marker
        expected = seen.setdefault((s, a), earlier + len(seen) + 1)
        assert marker == expected  # same span, same marker; a new span, the next number


def _structure(markdown: str) -> list[str]:
    """The HTML tags Markdown renders to, in order: what outside text must never change."""
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return re.findall(r"</?[a-z][a-z0-9]*", html)


def _answer(text: str, mode: str = "steelman") -> Answer:
    cite = Citation(
        source=f"{text}.txt",
        label=text,
        title=text,
        start=0,
        end=len(text),
        quote=text,
        passage_id="p",
        stance="open",
    )
    claim = Claim(text=text, citations=[cite], origin="model", group=text)
    claims = number_citations([claim, claim.model_copy(update={"group": None})])
    return Answer(
        question=text,
        text=text,
        refused=False,
        claims=claims,
        mode=mode,  # type: ignore[arg-type]
        side="open",
        claim_side="closed",
        side_name=text,
        claim_side_name=text,
        concessions=claims[:1],
        note=text,
    )


@FAST
@given(HOSTILE, st.sampled_from(["ask", "argue", "steelman"]))
def test_outside_text_cannot_change_the_export_or_the_chat(text: str, mode: str) -> None:
    assume(display(text).strip())  # text with nothing visible leaves its heading out
    for render in (answer_markdown, lambda a: answer_message(a, 0)):
        assert _structure(render(_answer(text, mode))) == _structure(render(_answer("x", mode)))
    refused = _answer(text, mode).model_copy(update={"refused": True, "claims": []})
    refused.nearest = [_answer(text).claims[0].citations[0]]
    plain = _answer("x", mode).model_copy(update={"refused": True, "claims": []})
    plain.nearest = [_answer("x").claims[0].citations[0]]
    assert _structure(answer_markdown(refused)) == _structure(answer_markdown(plain))


def _debate(text: str) -> Debate:
    claims = _answer(text).claims[1:]
    turn = Turn(number=1, side="open", stage="opening", text=text, claims=claims)
    said = Turn(number=2, side="closed", stage="opening", speaker="student", text=text)
    return Debate(motion=text, rounds=1, side_names={"open": text}, turns=[turn, said])


@FAST
@given(HOSTILE)
def test_outside_text_cannot_change_a_debates_export_or_turns(text: str) -> None:
    assume(display(text).strip())
    assert _structure(debate_markdown(_debate(text))) == _structure(debate_markdown(_debate("x")))
    turn, plain = _debate(text).turns[0], _debate("x").turns[0]
    names = {"open": text}
    assert _structure(turn_message(turn, 0, names)) == _structure(
        turn_message(plain, 0, {"open": "x"})
    )
