"""Plain text helpers with exact offsets: sentences, terms, numbers, negations, display.

Everything here is pure and deterministic; spans are `(start, end)` into the string given, so
`text[start:end]` is always the verbatim piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import Stemmer  # PyStemmer, the same stemmer bm25s uses for BM25

Span = tuple[int, int]

_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "vs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "inc",
    "ltd",
    "co",
    "corp",
    "u.s",
    "u.k",
    "no",
    "fig",
    "al",
    "approx",
    "jr",
    "sr",
    "st",
}
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)")
_LINE = re.compile(r"[^\n]+")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# Markup found in web-clipped sources: timestamp anchors, HTML tags, wiki links.
_TRAILING_MARKUP = re.compile(r"(?:\s*<a\b[^>]*>[^<]*</a>\s*[.!?]?)+\s*$")
_TAG = re.compile(r"<a\b[^>]*>[^<]*</a>|<[^>]+>")
_WIKI = re.compile(r"\[\[(?:[^\]|]*\|\s*)?([^\]]*?)\s*\]\]")

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "dozen": "12",
}
NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nor",
        "neither",
        "nobody",
        "nothing",
        "without",
        "cannot",
        "n't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "doesn't",
        "don't",
        "didn't",
        "won't",
        "can't",
        "couldn't",
        "shouldn't",
        "wouldn't",
        "hasn't",
        "haven't",
        "hadn't",
        "needn't",
        "aren",
        "isn",
        "doesn",
        "don",
        "won",
        "didn",
    }
)
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "my",
        "myself",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "may",
        "might",
        "must",
        "shall",
        "s",
        "t",
        "says",
        "said",
        "according",
        "one",
        "ones",
        "get",
        "got",
        "make",
        "makes",
        "made",
        "many",
        "much",
        "several",
    ]
)
# Words that flip a claim's meaning: a claim may only use them where its quote does, in order.
CRITICAL = frozenset(
    [
        "open",
        "closed",
        "close",
        "more",
        "less",
        "fewer",
        "few",
        "better",
        "worse",
        "best",
        "worst",
        "higher",
        "lower",
        "cheaper",
        "expensive",
        "larger",
        "smaller",
        "bigger",
        "faster",
        "slower",
        "increase",
        "increasing",
        "decrease",
        "decreasing",
        "win",
        "wins",
        "winning",
        "lose",
        "loses",
        "losing",
        "safer",
        "safe",
        "unsafe",
        "dangerous",
        "superior",
        "inferior",
        "ahead",
        "behind",
        "lead",
        "leads",
        "lag",
        "lags",
        "most",
        "least",
        "all",
        "always",
        "every",
        "majority",
        "minority",
        "free",
        "paid",
    ]
)
# Words a question is made of that never appear in its answer.
QUESTION_WORDS = frozenset(
    [
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "were",
        "according",
        "essay",
        "author",
        "article",
        "source",
        "text",
        "say",
        "says",
        "said",
        "claim",
        "claims",
        "argue",
        "argues",
        "think",
        "thinks",
        "describe",
        "describes",
        "mention",
        "mentions",
        "name",
        "named",
        "tell",
        "give",
    ]
)


def normalize(text: str) -> str:
    """Fold typographic apostrophes so "Stanford’s" and "Stanford's" read the same."""
    return text.replace("’", "'").replace("‘", "'")


def front_matter_end(text: str) -> int:
    """Offset just past a leading YAML front-matter block (`---` ... `---`), else 0."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]` as spans into `text`; lines never share a sentence."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for line in _LINE.finditer(text, start, end):
        s = line.start()
        for m in _SENTENCE_END.finditer(text, line.start(), line.end()):
            word = re.search(r"([\w.]+)$", text[s : m.start()])
            if word and m.group().startswith(".") and _is_abbreviation(word.group(1)):
                continue
            spans.append((s, m.end()))
            s = m.end()
        spans.append((s, line.end()))
    return [t for t in (_strip(text, a, b) for a, b in spans) if t[1] > t[0]]


def _is_abbreviation(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _strip(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def quote_span(text: str, start: int, end: int) -> Span:
    """The part of a sentence worth quoting: without trailing timestamp anchors."""
    m = _TRAILING_MARKUP.search(text, start, end)
    if m and m.start() > start:
        return _strip(text, start, m.start())
    return start, end


def display(text: str) -> str:
    """Readable text for a person: markup removed, wiki links reduced to their label."""
    text = _TAG.sub("", text)
    text = _WIKI.sub(lambda m: m.group(1), text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, possessives dropped, number words as digits."""
    out = []
    for tok in _TOKEN.findall(normalize(display(text)).lower()):
        if tok.endswith("'s"):
            tok = tok[:-2]
        if tok[0].isdigit():
            tok = tok.replace(",", "")
        out.append(_NUMBER_WORDS.get(tok, tok))
    return out


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Irregular past forms the stemmer leaves alone ("bought" must match "buy"); unambiguous only.
_IRREGULAR = {
    "bought": "buy", "began": "begin", "begun": "begin", "grew": "grow", "grown": "grow",
    "made": "make", "built": "build", "spent": "spend", "won": "win", "lost": "lose",
    "led": "lead", "sold": "sell", "paid": "pay", "brought": "bring", "gave": "give",
    "given": "give", "took": "take", "taken": "take", "wrote": "write", "written": "write",
    "held": "hold", "kept": "keep", "said": "say", "told": "tell", "went": "go", "gone": "go",
    "knew": "know", "known": "know", "rose": "rise", "risen": "rise", "chose": "choose",
    "chosen": "choose", "became": "become", "came": "come", "taught": "teach",
}  # fmt: skip


def stem(word: str) -> str:
    """Porter-style English stem (numbers unchanged, irregular past forms to their verb)."""
    if word[0].isdigit():
        return word
    return _stemmer().stemWord(_IRREGULAR.get(word, word))


def content_terms(text: str) -> list[str]:
    """Stemmed content words in order: stopwords and negations removed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and w not in NEGATIONS]


def numbers(text: str) -> set[str]:
    """Numbers mentioned, normalized ("10,000" -> "10000", "six" -> "6")."""
    return {w for w in words(text) if w[0].isdigit()}


_MAGNITUDES = frozenset(
    ["dozen", "dozens", "hundred", "hundreds", "thousand", "thousands"]
    + ["million", "millions", "billion", "billions", "trillion", "trillions"]
)


_NAME = re.compile(r"(?<![.!?:\"“‘(\[]\s)(?<!^)\b([A-Z][a-zA-Z]+)")


def names(text: str) -> set[str]:
    """Capitalised words that don't open a sentence ("Luttig", "Meta"), lower-cased: names,
    which a quote must contain for a claim that mentions them."""
    text = display(text).strip()
    found = {m.group(1).lower() for m in _NAME.finditer(text)}
    return {w for w in found if w not in STOPWORDS}


def has_quantity(text: str) -> bool:
    """Whether the text states an amount: a number, or a magnitude word ("hundreds of")."""
    return bool(numbers(text)) or any(w in _MAGNITUDES for w in words(text))


_MONTHS = frozenset(  # not "may": it is mostly a verb
    ["january", "february", "march", "april", "june", "july", "august"]
    + ["september", "october", "november", "december"]
)


def has_time(text: str) -> bool:
    """Whether the text dates something: a year (1900-2099), a month, or "... ago"."""
    found = words(text)
    return any(
        (len(w) == 4 and w[:2] in ("19", "20") and w.isdigit()) or w in _MONTHS or w == "ago"
        for w in found
    )


def is_negated(text: str) -> bool:
    """Whether the text contains a negation cue."""
    lowered = normalize(text).lower()
    return "n't" in lowered or any(w in NEGATIONS for w in words(text))


def iter_windows(items: list[Span], limit: int, overlap: int) -> Iterator[list[Span]]:
    """Consecutive runs of spans whose total extent stays within `limit` characters.

    A span longer than `limit` forms a window alone; `overlap` spans repeat between windows.
    """
    i = 0
    while i < len(items):
        j = i + 1
        while j < len(items) and items[j][1] - items[i][0] <= limit:
            j += 1
        yield items[i:j]
        if j >= len(items):
            return
        i = max(i + 1, j - overlap)
