"""Plain text helpers with exact offsets: sentences, terms, numbers, negations, display.

Everything here is pure and deterministic; spans are `(start, end)` into the string given, so
`text[start:end]` is always the verbatim piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import Stemmer  # PyStemmer, the same stemmer bm25s uses for BM25

from . import lexicon

Span = tuple[int, int]

_LINE = re.compile(r"[^\n]+")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# Markup found in web-clipped sources: timestamp anchors, HTML tags, wiki links.
_TRAILING_MARKUP = re.compile(r"(?:\s*<a\b[^>]*>[^<]*</a>\s*[.!?]?)+\s*$")
_TAG = re.compile(r"<a\b[^>]*>[^<]*</a>|<[^>]+>")
_CODE = re.compile(
    r"<(script|style|iframe|object|noscript|template)\b.*?(?:</\1\s*>|\Z)", re.I | re.S
)
_WIKI = re.compile(r"\[\[(?:[^\]|]*\|\s*)?([^\]]*?)\s*\]\]")
# Markdown links and images keep their words, never their address; bare addresses go.
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_URL = re.compile(  # an address, without the punctuation that ends its sentence
    r"(?:(?:https?|ftp|file|javascript|data|vbscript):|www\.)(?:\S*[^\s.,;:!?)\]\"'”’])?", re.I
)
_EMPHASIS = re.compile(  # **strong**, __strong__, *emphasis*: the words stay
    r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
)
# Footnote markers ("[3]"): the note is not shown, and the marker would pass for our own.
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
# Characters that change how text looks or reads without being seen: zero-width spaces and
# joiners, the byte-order mark, bidirectional controls, and the Unicode "tag" characters
# (which can spell hidden ASCII). Files keep them (offsets stay exact); readers never see them.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]"
)

_ACRONYMS = re.compile(r"\b([A-Z]{2,})s\b")  # "GPUs", "LLMs", "APIs"
# a letter of any script ("Tomás", "Wróbel" are one word each): a word character, no digit
_L = r"[^\W\d_]"
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)*|{_L}+\d[^\W_]*|{_L}+(?:'{_L}+)?")
STOPWORDS = lexicon.stopwords()
NEGATIONS = lexicon.negations()
CRITICAL = lexicon.CRITICAL
_NOT_CONTENT = STOPWORDS | NEGATIONS | lexicon.MODALS
QUESTION_WORDS = lexicon.INTENT


def normalize(text: str) -> str:
    """Fold typographic apostrophes so "Stanford’s" and "Stanford's" read the same."""
    return text.replace("’", "'").replace("‘", "'")


def front_matter_end(text: str) -> int:
    """Offset just past a leading YAML front-matter block (`---` ... `---`), else 0."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]` as spans into `text`; lines never share a sentence.

    pysbd splits each line (it keeps "can't simply (or legally!) be scraped" whole and knows
    abbreviations); the spans are mapped back to exact offsets and stripped of white space.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    for line in _LINE.finditer(text, start, end):
        for piece in _segmenter().segment(line.group()):
            spans.append(_strip(text, line.start() + piece.start, line.start() + piece.end))
    return [s for s in spans if s[1] > s[0]]


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


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


_QUOTED_LINE = re.compile(r"\n[ \t]*>[> \t]*")  # a reply's quoted line, read without its "> "


def display(text: str) -> str:
    """Readable text for a person (and for the embedder, the model and the checks): invisible
    characters dropped, markup removed, links reduced to their words, addresses removed.
    Offsets never point into this text: they point into the file it came from."""
    text = INVISIBLE.sub("", text)
    text = _CODE.sub("", text)
    text = _TAG.sub("", text)
    text = _WIKI.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _URL.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = _FOOTNOTE.sub("", text)
    text = _QUOTED_LINE.sub("\n", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, possessives dropped, numbers as values (see
    `numbers`: "six" -> "6", "10,000" -> "10000", "500 million" -> "500000000")."""
    return list(_words(text))


def tokens(text: str) -> list[str]:
    """Lower-case word and number tokens as written, possessives dropped ("one", "10,000"),
    an acronym's plural as the acronym ("GPUs" -> "gpu": the stemmer keeps the "s" of "gpus")."""
    text = _ACRONYMS.sub(r"\1", normalize(display(text)))
    return [t[:-2] if t.endswith("'s") else t for t in _TOKEN.findall(text.lower())]


@lru_cache(maxsize=65536)  # the same units are read for question after question
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    tens = False  # the last token was a tens word ("sixty"), which a unit word completes
    for tok in tokens(text):
        value = _number_value(tok)
        if tens and tok in NUMBER_WORDS and 0 < NUMBER_WORDS[tok] < 10:
            out[-1] = _fmt(float(out[-1]) + NUMBER_WORDS[tok])  # "sixty-four" -> 64
            tens = False
            continue
        tens = tok in _TENS
        if tok == "half" and out[-2:] == ["and", "a"] and len(out) > 2 and _is_number(out[-3]):
            del out[-2:]
            out[-1] = _fmt(float(out[-1]) + 0.5)  # "one and a half billion" -> 1.5 billion
            continue
        if value is None:
            out.append(tok)
        elif tok in _MAGNITUDE and out and _is_number(out[-1]):
            out[-1] = _fmt(float(out[-1]) * _MAGNITUDE[tok])  # "500 million", "$10bn"
        elif tok not in _MAGNITUDE:
            out.append(_fmt(value))
        else:
            out.append(tok)  # a magnitude alone ("millions of") is a word
    return tuple(out)


# Number words and magnitudes, as English writes them; "-fold" multiplies ("fourfold").
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_UNITS += ["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
_UNITS += ["eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
NUMBER_WORDS |= {"dozen": 12, "hundred": 100}
_MAGNITUDE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6}
_MAGNITUDE |= {"billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "x": 1.0}


def _number_value(tok: str) -> float | None:
    if tok[0].isdigit():
        try:
            return float(tok.replace(",", ""))
        except ValueError:
            return None
    if tok in NUMBER_WORDS:
        return float(NUMBER_WORDS[tok])
    if tok.endswith("fold") and tok[:-4] in NUMBER_WORDS:
        return float(NUMBER_WORDS[tok[:-4]])
    if tok in _MAGNITUDE:
        return _MAGNITUDE[tok]
    return None


def _is_number(tok: str) -> bool:
    return bool(tok) and tok[0].isdigit()


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's lemma, stemmed ("bought" -> "buy", "dominates" -> "domin"; numbers as is)."""
    if word[0].isdigit():
        return word
    return _stemmer().stemWord(lexicon.lemma(word))


# The meaning-flipping words' stems, as the checkers compare them (verify, paraphrase, judge).
CRITICAL_STEMS = frozenset(stem(w) for w in CRITICAL)
_RANKS = {stem(w): "ahead" for w in lexicon.AHEAD} | {stem(w): "behind" for w in lexicon.BEHIND}


def rank(term: str) -> str:
    """A stem, or the place in a race it says ("lead" -> "ahead", "lag" -> "behind")."""
    return _RANKS.get(term, term)


def cut(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` without the characters of `spans` (each cut leaves a space), spaces collapsed."""
    keep = [True] * len(text)
    for a, b in spans:
        for i in range(a, b):
            keep[i] = False
    return re.sub(
        r"\s{2,}", " ", "".join(c if k else " " for c, k in zip(text, keep, strict=True))
    ).strip()


def is_content(word: str) -> bool:
    """Whether a word (of `words`) carries content: no stopword, negation or modal verb."""
    return word not in _NOT_CONTENT


def content_words(text: str) -> list[str]:
    """Content words in order: stopwords, negations and modal verbs removed."""
    return [w for w in words(text) if is_content(w)]


def content_terms(text: str) -> list[str]:
    """Stemmed content words in order."""
    return [stem(w) for w in content_words(text)]


def lcs_pairs(a: Sequence[str], b: Sequence[str]) -> dict[int, int]:
    """Index in `a` -> index in `b` of the tokens of one longest common subsequence."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
            )
    pairs, i, j = {}, 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            pairs[i] = j
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


NOT = "¬"  # a negation, as a term in place


# English phrases that negate what follows them: "X rather than Y" and "X instead of Y" say
# "X, and not Y" (a closed class of the language)
NEGATING_PAIRS = {"rather": "than", "instead": "of"}


def negates_at(ws: Sequence[str], i: int) -> bool:
    """Whether the i-th of these words is a negation cue: "not", "never", "n't" …, or the
    first word of "rather than" or "instead of"."""
    after = NEGATING_PAIRS.get(ws[i])
    return _negates(ws[i]) or (after is not None and list(ws[i + 1 : i + 2]) == [after])


def claim_terms(text: str) -> list[str]:
    """The terms a checker aligns, in order: content terms, modal verbs and negations ("will"
    and "not" must stand where the quote has them, not be borrowed from another clause)."""
    out = []
    ws = words(text)
    for i, w in enumerate(ws):
        verb = modal(w)
        if verb:
            out.append(verb)
        if negates_at(ws, i):
            out.append(NOT)
        elif not verb and w not in STOPWORDS:
            out.append(stem(w))
    return out


def modal(w: str) -> str | None:
    """The modal verb a word is, contractions resolved ("won't" -> will), or None."""
    base = w[:-3] if w.endswith("n't") else w[:-2] if w.endswith("nt") else w
    base = {"wo": "will", "ca": "can", "sha": "shall"}.get(base, base)
    if w.endswith("'ll"):
        base = "will"
    elif w.endswith("'d"):
        base = "would"
    return base if base in lexicon.MODALS else None


def modals(text: str) -> list[str]:
    """The modal verbs of a text in order, contractions resolved ("won't" -> will,
    "she'd" -> would)."""
    return [m for w in words(text) if (m := modal(w))]


# A citation marker after a sentence ("… in 2023.[5]", "[4][9]", "[2, 3]"): a reference,
# never an amount the text states
CITATION_MARKER = re.compile(r"(?<=[\w.,;:!?\"”’)\]])\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")


def numbers(text: str) -> set[str]:
    """Numbers mentioned, normalized ("10,000" -> "10000", "six" -> "6"); a citation
    marker's number is none ("[5]")."""
    return {w for w in words(CITATION_MARKER.sub(" ", text)) if _is_number(w)}


# Amounts without a figure ("hundreds of", "millions of").
MAGNITUDES = frozenset(["dozens", "hundreds", "thousands", "millions", "billions", "trillions"])


_NAME = re.compile(r"(?<![.!?:\"“‘(\[]\s)(?<!^)\b([A-Z][^\W\d_]+)")  # "Wróbel": any script
# what opens a list item or a numbered clause ("2.2 ", "- ", "• "), before its sentence
_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[-•*–—·])\s+")


# A user's handle on a forum or social site ("kwame_it_lead", "@tomasz_p"): words joined by
# underscores, which `words` reads apart.
HANDLE = re.compile(r"(?<![\w@])@?([A-Za-z0-9]+(?:_[A-Za-z0-9]+)+)\b")


def names(text: str) -> set[str]:
    """Capitalised words that don't open a sentence ("Luttig", "Meta"), lower-cased: names,
    which a quote must contain for a claim that mentions them; and the words of a handle
    ("kwame_it_lead": kwame, lead), but its function words."""
    text = _MARKER.sub("", display(text).strip())  # "2.2 Staff may …" opens a sentence
    found = {m.group(1).lower() for m in _NAME.finditer(text)}
    found |= {w for m in HANDLE.finditer(text) for w in words(m.group(1)) if len(w) > 2}
    return {w for w in found if w not in STOPWORDS}


# A name of several capitalised words ("Harrowgate Public Libraries", "Grace Mbeki").
_NAME_RUN = re.compile(r"\b[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+)+")


def required_names(text: str) -> set[str]:
    """The names an answer must say (`names`), less the common English words of a name of
    several words that has a word of its own ("Harrowgate Public Libraries" -> "harrowgate";
    "Grace Mbeki" -> "mbeki"): English names a body or a person in full once, then by that
    word ("Harrowgate has 31 branches", "MBEKI: …"). A name all of common words ("Chamber
    of Small Traders", "Northern Libraries Conference") is required whole."""
    found = names(text)
    for m in _NAME_RUN.finditer(display(text)):
        run = [w.lower() for w in m.group().split()]
        if any(not lexicon.is_word(w) for w in run):
            found -= {w for w in run if lexicon.is_word(w)}
    return found


# A number joined to a name by a hyphen is part of the name: a version or a model
# ("GPT-4", "Llama-3", "COVID-19"), not an amount.
NAME_NUMBER = re.compile(r"(?<=[A-Za-z])-\d+(?:\.\d+)*\b")


def _dates_cut(text: str) -> str:
    """The text without its dates (`_DATE`: a month with a day or a year)."""
    return _DATE.sub(lambda m: " " if m.group() != m["month"] else m.group(), text)


def has_quantity(text: str) -> bool:
    """Whether the text states an amount: a number, or a magnitude word ("hundreds of");
    the number in a name such as "GPT-4" is no amount, nor a date's ("January 2026")."""
    text = _dates_cut(NAME_NUMBER.sub("", text))
    return bool(numbers(text)) or any(w in MAGNITUDES for w in words(text))


_MONTHS = frozenset(  # not "may": it is mostly a verb
    ["january", "february", "march", "april", "june", "july", "august"]
    + ["september", "october", "november", "december"]
)
# A calendar date: a month's name, capitalised, with its day or its year ("January 2026",
# "14 March", "May 3, 2024": "May" is a month there); its numbers say when, not how many.
_DATE = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?P<month>{'|'.join(sorted(m.title() for m in _MONTHS | {'may'}))})\b"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b,?)?(?:\s+(?:19|20)\d\d\b)?"
)
# English words that place or measure something in time.
_TIME_WORDS = frozenset(
    ["ago", "since", "until", "year", "years", "month", "months", "week", "weeks", "day"]
    + ["days", "decade", "decades", "today", "yesterday", "recently", "summer", "winter"]
    + ["spring", "autumn", "fall", "century", "annually", "later", "soon"]
    # the days of the week and the parts of a day: a closed class of English
    + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    + ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"]
    + ["tomorrow", "tonight", "weekend", "weekends", "morning", "afternoon", "evening"]
    + ["noon", "midnight"]
)
# a time of day: "2 pm", "4.30pm", "14:00", "9 a.m."
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d\d\b", re.I)


def _is_year(w: str) -> bool:
    return len(w) == 4 and w[:2] in ("19", "20") and w.isdigit()


def years(text: str) -> set[str]:
    """The years (1900-2099) a text says."""
    return {w for w in words(text) if _is_year(w)}


def has_time(text: str) -> bool:
    """Whether the text dates something: a year (1900-2099), a month, a time word (a day of
    the week, a part of a day) or a time of day ("2 pm", "14:00")."""
    if _CLOCK.search(text):
        return True
    return any(_is_year(w) or w in _MONTHS or w in _TIME_WORDS for w in words(text))


def _negates(w: str) -> bool:
    return w in NEGATIONS or w.endswith("n't") or lexicon.lemma(w) in lexicon.NEGATIVE_VERBS


def negations(text: str) -> int:
    """How many negation cues the text has ("not", "never", "nothing", "don't", "lacks", ...)."""
    return sum(_negates(w) for w in words(text))


def is_negated(text: str) -> bool:
    """Whether the text contains a negation cue."""
    return negations(text) > 0


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
