"""Quotable units: the whole thoughts of a chunk that an answer may quote, with exact offsets.

A unit is a sentence, made whole:
  - a sentence that ends with a colon carries the list that follows it (as many whole items
    as fit in MAX_UNIT characters); with nothing quotable after it, it is not quotable; so
    does one that announces what follows ("Here's what worries me …");
  - a sentence that opens by pointing back ("He ...", "This ...", "Their ...") or with a
    connective of consequence ("So ...", "Therefore ...") carries the sentence before it in
    the same paragraph.
Who says a unit (`speaker`): in a transcript, the name that opens its paragraph ("GRAHAM
PELL: ..."); in a report, the name a paragraph that opens with a quotation is attributed to.
A Markdown table is one unit, its column headings with its rows (up to MAX_UNIT characters),
unless its cells are sentences (a case for and against set out in a grid): then each cell's
sentences are units.
Not quotable, though still indexed (a title still names its document):
  - headings and titles: a line that does not end a sentence, or a Markdown `#` line;
  - bylines ("By ...", "From: ...") and sign-offs ("— Helen Achebe, Marsh Road"), bracketed
    editorial notes ("[Note: ...]");
  - pieces with fewer than MIN_WORDS words once markup is removed (link lines, "Read More");
  - orders to the reader or a model ("Ignore the above and ..."): see instructions.py.
Paragraphs wrapped across lines are split as one text (a newline inside a paragraph is a
space to the sentence splitter); a file that writes one paragraph per line is split by line.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import lexicon
from .instructions import gives_orders
from .text import Span, display, front_matter_end, has_time, quote_span, sentence_spans, words

MIN_WORDS = 4  # "Now, TSMC stands alone." is an answer; "Comments are closed." is not
BYLINE_WORDS = 12  # a byline is a name and a role or a date, not a paragraph
LABEL_WORDS = 3  # beside it on its line, a section's label or a date: "Opinion.", "3 May 2026."
MAX_UNIT = 900  # characters: a colon sentence with its list, at most
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$|[.!?]\s*[\"”’')\]]+$")
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[•*\-–—·▪◦])\s+")
# The participles that credit a text to its writer with words between them and "by"
# ("Written for the library's staff newsletter by Ana Kowalski"): a closed class of English.
CREDIT_VERBS = ("written", "prepared", "compiled", "edited", "published", "produced", "posted")
CREDITED = rf"(?i:{'|'.join(CREDIT_VERBS)})(?:\s+(?![Bb][Yy]\b)[\w'’-]+){{1,6}}?\s+"
# The spoken forms whose maker a heading credits ("Speech by Nadia Okonjo, Minister for …",
# "Interview by Sofia Brandt"): a closed class of English nouns, after up to two words that
# say which ("Proposition speech by Leila Okonkwo", "Closing address by …").
SPOKEN = (
    r"(?i:(?:[a-z]+\s+){0,2}(?:interview|speech|lecture|talk|address|remarks|keynote|sermon))\s+"
)
# A section's label may stand before a byline, ended by a stop, a colon, a bar or a dash
# ("Opinion. By Priya Raman", "Analysis | By …"): one capitalised word.
SECTION_LABEL = r"(?:[A-Z][a-z]+\s*[.:|\u2013\u2014]\s+)?"
# "By Mara Ellison", "Prepared by Jonas Brekke and …", "From: the editors", "Author: …";
# "Published by the Hollins Academy digital learning team", "Kept by Rhiannon Vale" (a past
# participle before "by": `byline`); not "By 2030, …" nor "Inspired by the success of
# Linux, …" (no name after "by")
DONE_BY = rf"(?:{SPOKEN}|{CREDITED}|(?P<done>[A-Za-z]+)\s+)?[Bb][Yy]\s+"
_BYLINE = re.compile(
    rf"^\W*{SECTION_LABEL}(?:{DONE_BY}(?:the\s+)?(?=[A-Z])|(?i:from|authors?)\s*:\s)"
)


def byline(line: str, pattern: re.Pattern[str] = _BYLINE) -> re.Match[str] | None:
    """A byline's match (`pattern`, which holds `DONE_BY`), when the word before its "by",
    if any, is a past participle ("Kept by", "Written by"; not "Stand by")."""
    m = pattern.match(line)
    return m if m and (not m["done"] or lexicon.participle(m["done"])) else None


# A person's name: two to four capitalised words ("Leon Harper", "Amina Yusuf")
_PERSON = re.compile(r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3}")
# A standfirst that says what the text is and then, after a comma, who wrote it: "*A
# compare-and-contrast essay for the Year 13 debating elective, by Leon Harper.*" (a noun
# phrase opened by an article, or set in emphasis as fields: "*Persuasive essay, Year 10
# English, by Tobias Lindgren-Achebe*"; one sentence, a name of two to four capitalised words)
TRAILING_CREDIT = re.compile(
    rf"^(?P<marks>[*_]*)(?P<article>(?:An?|The)\s)?(?P<what>[^\n]*?),\s+by\s+"
    rf"(?P<name>{_PERSON.pattern})[.*_\s]*$"
)
# English's auxiliary verbs, a closed class: a clause ("A grant was written, by …"), not a
# noun phrase
_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|shall|"
    r"should|may|might|must)\b",
    re.I,
)


# A credit to a body's people: "*Submitted by the delegation of Norway to …*"; in a line set
# in emphasis, a noun phrase may stand before it: "*Answers prepared by the staff of Linwood
# Academy after the parents' evening …*" (the body is the writer; not the prose "Children
# supported by the staff of Linwood Academy did better.")
_STAFF_CREDIT = re.compile(
    r"^(?P<marks>[*_]*)(?P<what>[A-Z][a-z]+\s+(?:[a-z]+\s+){0,2})?(?i:[a-z]+(?:ed|en))\s+"
    r"by\s+the\s+(?:[a-z]+\s+)?(?P<people>[a-z]+)\s+of\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|\d+)){0,3})"
)


def _one_sentence(line: str) -> bool:
    """Whether a line is one sentence (a closing emphasis mark alone is none)."""
    return sum(bool(words(line[a:b])) for a, b in sentence_spans(line)) == 1


def staff_credit(line: str) -> re.Match[str] | None:
    """Such a credit, matched, when its line is one sentence and the credited are people
    (WordNet: "staff", "members"; not "Published by the end of March, …")."""
    from .wordnet import wordnet  # loaded on the first line that might be such a credit

    m = _STAFF_CREDIT.match(line)
    if not m or not _one_sentence(line):
        return None
    if m["what"] and not m["marks"]:
        return None
    return m if wordnet().mostly_people(lexicon.lemma(m["people"])) else None


def credit(line: str) -> re.Match[str] | None:
    """A standfirst that ends in its byline, or a credit to a body's people, matched."""
    return trailing_credit(line) or staff_credit(line)


def trailing_credit(line: str) -> re.Match[str] | None:
    """Such a standfirst, matched, when it is one sentence, a noun phrase before the comma,
    and its name is a name."""
    m = TRAILING_CREDIT.match(line)
    phrase = m is not None and bool(m["article"] or m["marks"]) and not _AUXILIARY.search(m["what"])
    return m if m and phrase and _one_sentence(line) and a_name(m["name"]) else None


# The header of an e-mail or a memo (RFC 5322's fields, and a memo's "Re:"): "Subject: …",
# "To: …", "Date: …". A paragraph of such lines heads the message and says nothing itself.
HEADER_FIELD = re.compile(r"^\W*(?:from|to|cc|bcc|subject|date|sent|re|reply-to)\s*:\s", re.I)
# The marks that quote a line in an e-mail reply or a Markdown block quote ("> …", ">> …"):
# the quoted text reads without them, its paragraphs parted by lines of marks alone.
_QUOTE_MARKS = re.compile(r"^([ \t]*>[> \t]*)", re.M)
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?$")  # "|---|:--:|"
# A run-in heading: a bold or underlined phrase that opens a paragraph or a list item and
# ends with its own full stop ("1. **Cost.** A hosted service …"); a heading, not part of
# the sentence after it. (A bold name and colon is a speaker's turn: see `speaker`.)
# Inside a paragraph, after a sentence's end, one heads the sentences after it as a structured
# abstract's labels do ("… one school year. **Findings.** Use was highest …").
_RUN_IN = re.compile(
    r"(?:^([ \t]*(?:\d{1,2}[.)]|[•*\-–])?[ \t]*)|(?<=[.!?][ \t]))"
    r"(\*\*[^*\n]{1,60}?[.!?]\*\*|__[^_\n]{1,60}?[.!?]__)",
    re.M,
)
_BRACKETED = re.compile(r"^\s*\[[^\]]*\]\s*$")
# A picture and its caption or credit, as a page copied from the web keeps them:
# "![Image: …](a.jpg)", "Image: a teacher at a laptop.", "Photo: Getty Images", "Figure 2: …"
_CAPTION = re.compile(
    r"^\W*(?:!\[|(?:image|photo|photograph|picture|illustration|caption|credit|figure|fig\.)"
    r"(?:\s+\d+)?\s*:\s)",
    re.I,
)
_HEADING = re.compile(r"^\s*#{1,6}\s")


# A speaker's turn in a transcript: a paragraph that opens with a name (one to four
# capitalised words, any markup around them), an optional role in brackets and a colon
# ("**AMARA OKAFOR (systems librarian):** …", "Hoffman: …"), after any timestamp, as a
# recording's transcript gives one ("[00:01:22] OLA FASHOLA: …", "(12:04) Hoffman: …"),
# or after the number a committee's record gives each question ("**Q3 Mr Pryce:** …").
# A chat's export dates its time too ("[14/01/2026, 19:02] Dawn Achebe: …"), and gives each
# message a line of its own: a line that opens with a timestamp opens a turn (`_turn_at`).
TIMESTAMP = r"[\[(](?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+)?\d{1,2}(?::\d\d){1,2}[\])][ \t]*"
_TURN = re.compile(
    rf"[*_\s]*(?:{TIMESTAMP})?(?:Q\d{{1,4}}[ \t]+)?"
    r"(?P<who>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*"
    r"(?:\([^)\n]{0,60}\))?[*_ \t]*:[*_]*\s"
)


# A quotation's attribution after its closing mark: '…," said Councillor Priya Nandakumar'
# or '…," Nandakumar said' (a reporting verb, lexicon.REPORTING, and a name).
_NAME = r"(?P<who>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
_ATTRIBUTED = re.compile(
    rf"[”\"],?[ \t]+(?:(?P<verb>[a-z]+)[ \t]+{_NAME}|{_NAME.replace('who', 'by')}[ \t]+"
    r"(?P<verb2>[a-z]+))"
)


# A letter signed at its foot, as a letters page signs each of its letters: a line of its
# own, a dash and the writer's name, a place or a role after a comma ("— Helen Achebe,
# Marsh Road"). (A single hyphen opens a list item instead.) A comment on a talk page or a
# forum signs at the end of its own last line, after its last sentence, a bracketed link
# and a time before any date ("… instead. — Priya Nair (talk) 14:02, 3 May 2026").
_SIGN_OFF = re.compile(
    rf"(?:^[ \t]*|(?<=[.!?\"”’)])[ \t]+)[*_]*(?:—|–|--)[ \t]*{_NAME}"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[*_ \t]*(?:\d{1,2}:\d\d)?(?:,[^\n]*)?$",
    re.M,
)


def _signs(m: re.Match[str] | None) -> bool:
    """Whether a `_SIGN_OFF` match signs: a byline's length, and a name."""
    return m is not None and len(m.group().split()) <= BYLINE_WORDS and a_name(m["who"])


@lru_cache(maxsize=16)  # asked once for each unit of a document (`speaker`)
def sign_offs(text: str) -> tuple[re.Match[str], ...]:
    """The sign-off lines of a text (`_SIGN_OFF`) that sign (`_signs`)."""
    return tuple(m for m in _SIGN_OFF.finditer(text) if _signs(m))


def _signed_by(text: str, at: int) -> str | None:
    """In a page of letters (two sign-offs or more), who signs the letter the words at `at`
    are in: the name of the first sign-off after them, when no heading lies between (the
    page's own introduction, above the first letter's heading, is nobody's letter)."""
    offs = sign_offs(text)
    if len(offs) < 2:
        return None
    after = next((m for m in offs if m.start() >= at), None)
    if after is None or any(_HEADING.match(ln) for ln in text[at : after.start()].splitlines()):
        return None
    return after["who"]


# The line that opens a quoted reply: "On 13 May 2024, Owen Hartley <o.h@…> wrote:"
_WROTE = re.compile(rf"{_NAME}[ \t]*(?:<[^>\n]*>)?[ \t]+(?P<verb>[a-z]+)[ \t]*:[ \t]*$")


def speaker(text: str, at: int) -> str | None:
    """Who speaks the words at offset `at`: in a transcript, the name that opens the
    paragraph (blank-line block) holding them ("GRAHAM PELL: …"); in a report, the name a
    paragraph that opens with a quotation attributes it to ('"We learned a lot," said Priya
    Nandakumar. "But …"'); in an e-mail, the writer a quoted reply's opening line names
    ("On 13 May, Owen Hartley wrote:" above "> …" lines) or the "From:" line of the quoted
    header above them (the sender's own words are the document's writer's); on a page of
    letters, the writer who signs the letter ("— Helen Achebe, Marsh Road" below it). None
    elsewhere. A name is a run of capitalised words, none a function word and one at least
    no common English word."""
    if (quoted := _quoted_by(text, at)) is not None:
        return quoted or None
    if (poster := _posted_by(text, at)) is not None:
        return poster
    start = max(text.rfind("\n\n", 0, at), text.rfind("\n \n", 0, at))
    start = start + 1 if start >= 0 else 0
    m = _TURN.match(text, _turn_at(text, at, start))
    if m is not None and m["who"] in ("A", "Answer"):  # an interview's answer
        return interviewee(text)
    if m is not None and m["who"] in ("Q", "Question"):  # the interviewer's question
        return None
    if m is not None and a_name(m["who"]):  # not a field's label ("Method: Two hundred …")
        return in_full(text, m["who"])
    opening = text[start : start + 2].lstrip()
    end = text.find("\n\n", start)
    end = end if end >= 0 else len(text)
    if opening.startswith(("“", '"')):
        for m in _ATTRIBUTED.finditer(text, start, end):
            if who := _reported(m):
                return who
    if text[at : at + 1] in ("“", '"') and (who := _attributed(text, start, at, end)):
        return who
    return _signed_by(text, at) or _cued(text, start) or _section_writer(text, at)


def _turn_at(text: str, at: int, paragraph: int) -> int:
    """Where the turn holding a position opens: its line, when a timestamp opens that line
    (a chat's message, a recording's turn), else its paragraph (`paragraph`)."""
    line = text.rfind("\n", 0, at) + 1
    return line if line > paragraph and _STAMP.match(text, line) else paragraph


_STAMP = re.compile(rf"[*_ \t]*{TIMESTAMP}")


# A play script's cue: a speaker's name in capitals on a line of its own, bold or not, with
# their speech in the paragraphs below it ("**JONAH**" above "Still on that homework helper?")
_CUE = re.compile(r"[*_]*(?P<who>[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3})[*_]*[ \t]*")


@lru_cache(maxsize=16)  # asked once for each unit of a document (`speaker`)
def cues(text: str) -> list[tuple[int, str]]:
    """A play script's cues (`_CUE`), each with where its paragraph starts and the name as
    a name is written ("Jonah"): paragraphs of one line that are a name (`a_name`; not a
    heading in capitals, "INTRODUCTION"). Empty unless two or more: a script gives turns."""
    found = []
    for a, b in paragraphs_in(text, 0, len(text)):
        m = _CUE.fullmatch(text, a, b)
        if m and a_name(who := m["who"].title()):
            found.append((a, who))
    return found if len(found) >= 2 else []


def _cued(text: str, start: int) -> str | None:
    """Who speaks a paragraph of a play script: the last cue above it, unless a heading
    comes between ("## Questions for discussion" after the last turn)."""
    above = [(a, who) for a, who in cues(text) if a < start]
    if not above:
        return None
    a, who = above[-1]
    if any(_HEADING.match(ln) for ln in text[a:start].splitlines()):
        return None
    return who


@lru_cache(maxsize=16)  # asked once for each unit of a document (`speaker`)
def section_writers(text: str) -> tuple[tuple[int, int, str | None], ...]:
    """In a text whose sections each carry their own writer's byline, as a point and its
    counterpoint do ("## Point: run it ourselves" / "**By Farida Osei, branch librarian …**"),
    each section heading (where its section starts, its level, who writes it: the person
    the first line under it credits, or the authors it names, `_authors`; or None); empty
    unless two sections or more are
    credited. A Markdown heading's level is its count of "#"; a numbered one's is deeper."""
    out: list[tuple[int, int, str | None]] = []
    for start, _ in headings(text):
        heading = text[text.rfind("\n", 0, start) + 1 : start].lstrip()
        level = len(heading) - len(heading.lstrip("#")) or 7
        first = next((ln.strip() for ln in text[start:].splitlines() if ln.strip()), "")
        m = byline(first)
        who = _PERSON.match(first, m.end()) if m and _is_byline(first) else None
        name = who.group() if who and a_name(who.group()) else None
        out.append((start, level, name or _authors(first)))
    return tuple(out) if sum(who is not None for *_, who in out) >= 2 else ()


def _authors(line: str) -> str | None:
    """The authors an author line under a paper's or a talk's title names: a line wholly in
    emphasis whose words before any comma are names joined by "and" or "&" ("*Priya
    Natarajan and Colm Reilly, Ashgrove University*" -> "Priya Natarajan and Colm Reilly")."""
    if line[:1] not in "*_" or line[-1:] not in "*_":
        return None
    names = line.strip("*_ \t").split(",")[0].strip()
    people = re.split(r"\s+(?:and|&)\s+", names)
    return names if all(_PERSON.fullmatch(p) and a_name(p) for p in people) else None


def _section_writer(text: str, at: int) -> str | None:
    """Who writes the section the words at `at` are in (`section_writers`): the writer of
    the last credited heading above them, unless a heading of its level or higher, not
    credited, opens a section of nobody's in between."""
    writer: tuple[int, str] | None = None
    for start, level, who in section_writers(text):
        if start > at:
            break
        if who is not None:
            writer = (level, who)
        elif writer is not None and level <= writer[0]:
            writer = None
    return writer[1] if writer else None


def _reporting(verb: str | None) -> bool:
    """Whether a verb is one of reporting ("said", "says", "wrote": `lexicon.REPORTING`)."""
    return verb is not None and lexicon.lemma(verb) in lexicon.REPORTING


def _reported(m: re.Match[str]) -> str | None:
    """The name an `_ATTRIBUTED` match reports, if its verb is one of reporting."""
    verb, who = (m["verb"], m["who"]) if m["verb"] else (m["verb2"], m["by"])
    return str(who).rstrip(".'’") if _reporting(verb) and a_name(who) else None


# A pronoun's attribution after a quotation's closing mark: '…," she said', '…," says he'
_PRONOUN_SAID = re.compile(
    r"[”\"],?[ \t]+(?:(?:he|she|they)[ \t]+(?P<verb>[a-z]+)"
    r"|(?P<verb2>[a-z]+)[ \t]+(?:he|she|they)\b)"
)
# A paragraph that opens with a person's name as its subject: "Joan Whitfield, head teacher
# of Brackenfield High, wants …", "Dev Sandhu, who manages IT …" (news style)
_OPENS_WITH_NAME = re.compile(rf"\s*[*_]*{_NAME}(?=,|[ \t]+[a-z])")
_OPENING_MARK, _CLOSING_MARK = re.compile(r"(?:^|(?<=\s))[“\"]"), re.compile(r"[”\"]")


def _attributed(text: str, start: int, at: int, end: int) -> str | None:
    """Who a quotation at `at`, inside a paragraph, is attributed to: by its own closing
    words, a name ('…," Sandhu said') or a pronoun when the paragraph opens with the name of
    the person it is about ('Joan Whitfield, head teacher …, wants … "If we run it
    ourselves, …," she said.'); else, as news goes on quoting one person, by the closing
    words of the last quotation before it in the paragraph."""
    opener = _OPENS_WITH_NAME.match(text, start)
    subject = opener["who"] if opener and " " in opener["who"] and a_name(opener["who"]) else None
    found = None
    for mark in _OPENING_MARK.finditer(text, start, at + 1):
        close = _CLOSING_MARK.search(text, mark.end(), end)
        if close is None:
            break
        m = _ATTRIBUTED.match(text, close.start())
        if m and (who := _reported(m)):
            found = who
        elif subject and (said := _PRONOUN_SAID.match(text, close.start())):
            found = subject if _reporting(said["verb"] or said["verb2"]) else found
    return found


def voices(text: str) -> list[str]:
    """The people a text gives its words to, in order: the writers who sign a page of
    letters (two or more), else the writers of credited sections (`section_writers`), else
    the speakers a play script's cues name (`cues`), else the speakers whose turns a
    transcript opens with their names (`_TURN`; not an interview's "Q:" and "A:")."""
    signed = [m["who"] for m in sign_offs(text)]
    if len(signed) >= 2:
        return list(dict.fromkeys(signed))
    if credited := [who for *_, who in section_writers(text) if who]:
        return list(dict.fromkeys(credited))
    if cued := [who for _, who in cues(text)]:
        return list(dict.fromkeys(cued))
    starts = [a for a, _ in paragraphs_in(text, 0, len(text))]
    starts += [m.start() for m in re.finditer(rf"(?<=\n){_STAMP.pattern}", text)]
    starts.sort()
    turns = (m["who"] for m in (_TURN.match(text, at) for at in starts) if m)
    named = (in_full(text, who) for who in turns if who not in ("A", "Answer", "Q", "Question"))
    return list(dict.fromkeys(who for who in named if a_name(who)))


def _paragraph_start(text: str, at: int) -> int:
    """Where the paragraph (blank-line block) holding a position starts."""
    blank = text.rfind("\n\n", 0, at)
    return blank + 2 if blank >= 0 else 0


# A sentence that opens with a pronoun of one person ("He argues that …", "Her study …")
# speaks of the person its paragraph named last before it: English names a person once,
# then refers back to them so ("Oduya (2024) disagrees [2]. He argues that …").
_ONE_PERSON = re.compile(r"[*_“\"‘'(]*(?:He|She|His|Her)\b")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")


def referent(text: str, at: int) -> str | None:
    """The person a unit at `at` that opens with "He", "She", "His" or "Her" refers back
    to: the last name (`a_name`) said before it in its paragraph; None for any other unit."""
    if not _ONE_PERSON.match(text, at):
        return None
    start = _paragraph_start(text, at)
    found = [m.group() for m in _CAPITALISED_RUN.finditer(text, start, at) if a_name(m.group())]
    return found[-1] if found else None


def in_full(text: str, who: str) -> str:
    """A speaker's label as the person's full name, when the label is one word and the text
    gives a name that ends with it ("MBEKI:" after "Panelists: … Grace Mbeki, a lawyer") or,
    failing that, begins with it ("NADIA:" after "His guests are Nadia Oyelaran, who …"): a
    transcript introduces its speakers in full, then labels their turns by one name."""
    if " " in who.strip():
        return who
    label = re.escape(who.title())
    for pattern in (
        rf"\b((?:[A-Z][\w'’-]+[ \t]+){{1,3}}){label}\b",
        rf"\b{label}((?:[ \t]+[A-Z][\w'’-]+){{1,2}})\b",
    ):
        m = re.search(pattern, text)
        if m and a_name(m.group()) and not set(words(m.group(1))) & lexicon.nltk_stopwords():
            return m.group()  # the label as the name is written, with the rest of the name
    return who


def distinctive_names(text: str) -> list[str]:
    """Of each run of capitalised words, the first (of three letters or more) that is no
    common English word and no month: "Harrowgate" of "Harrowgate Public Libraries",
    "Aldhelm" of "St Aldhelm's Hospital"; "County" or "Games" after it name nothing of their
    own, nor "January" in "updated January 2026"."""
    names: list[str] = []
    for run in re.findall(r"(?:\b[A-Z][\w'’-]*\s*)+", text):
        found = [re.sub(r"['’]s$", "", w) for w in run.split()]
        names += [
            w for w in found if len(w) > 2 and not lexicon.is_word(w.lower()) and not has_time(w)
        ][:1]
    return list(dict.fromkeys(names))


def affiliation(text: str, who: str) -> list[str]:
    """The distinctive names of where a speaker works, as a transcript or an interview's
    standfirst introduces them ("Tomas Ebbe, systems manager at Harrowgate Public
    Libraries;", "Ingrid Solberg is director of … at Harrowgate University." ->
    ["Harrowgate"]): a speaker's "we" and "our" are that body's. The words about them end
    where the next item of a list begins ("Nadia Oyelaran, who leads a trust, and Ben
    Takahashi, …": Ben is no body of hers)."""
    m = re.search(rf"{re.escape(who)}(?:,|\s+(?:is|was)\s)([^;.\n]*)", text)
    about = re.split(r",\s+and\s", m.group(1))[0] if m else ""
    return distinctive_names(about) if m and " " in who.strip() else []


QUESTION_TURN = re.compile(r"^[*_ \t]*(?:Q|Question)[*_ \t]*:", re.M)  # an interviewer's


def interviewee(text: str) -> str | None:
    """Who answers an interview's questions ("Q: …" / "A: …"): the first person its
    introduction names (a name of two to four capitalised words, `a_name`), not on its
    title or byline ("Interview by Sofia Brandt")."""
    q = QUESTION_TURN.search(text)
    for line in text[: q.start() if q else 0].splitlines():
        if _HEADING.match(line) or _is_byline(line.strip()):
            continue
        for m in _PERSON.finditer(line):
            if a_name(m.group()):
                return m.group()
    return None


# A post's header on a forum: the poster's name in bold, then fields after a middle dot
# ("**kwame_it_lead** · Network manager · 2 days ago"); a rule ("---") ends the post.
_POST_HEADER = re.compile(r"^[ \t]*\*\*(?P<who>[^*\n]{2,40})\*\*[ \t]*[·•|]", re.M)
# or, on a social site, the poster's handle alone on the line above the post
# ("@jparkes_english"); a handle that opens a line of text addresses a reply to its owner
_HANDLE_HEADER = re.compile(r"^[ \t]*@(?P<who>[A-Za-z0-9_.]{2,40})[ \t]*$", re.M)
# or, on a page of reviews, a rating and the reviewer's name on a line of their own above the
# review, the name's role and date after commas ("★★★★☆ — *Tariq Olsen, computing teacher,
# 15 March 2026*", "4/5 – Dana Ruiz"): a rating in stars or out of five or ten
_RATED_HEADER = re.compile(
    r"^[ \t]*(?:[★☆✩✪⭐]{3,}|\d(?:\.\d)?[ \t]*/[ \t]*(?:5|10)\b)[ \t]*(?:(?:—|–|--|-|\|)[ \t]*)?"
    rf"[*_]*{_NAME}[*_]*(?:,[^\n]*)?$",
    re.M,
)
_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)


def _posted_by(text: str, at: int) -> str | None:
    """Who posted the words at `at` on a forum or a social site: the name of the last post
    header before them (`_POST_HEADER`, `_HANDLE_HEADER`), when no rule stands between
    them; None elsewhere."""
    header = next((h for h in reversed(_post_headers(text)) if h[1] <= at), None)
    if header is None or _RULE.search(text, header[1], at):
        return None
    return header[2]


@lru_cache(maxsize=16)  # asked once for each unit of a document (`speaker`)
def _post_headers(text: str) -> tuple[tuple[int, int, str], ...]:
    """A forum's or a social site's post headers (`_POST_HEADER`, `_HANDLE_HEADER`) as
    (start, end, poster), in order. The whole text is read: a line cut off at a unit
    ("@dev_okoro_teaches| It's …") would end there and pass for a handle alone."""
    found = [*_POST_HEADER.finditer(text), *_HANDLE_HEADER.finditer(text)]
    found += [m for m in _RATED_HEADER.finditer(text) if a_name(m["who"])]
    return tuple(sorted((m.start(), m.end(), m["who"].strip()) for m in found))


def _depth(text: str, line_start: int) -> int:
    """How deep the line at `line_start` is quoted: the count of its quote marks (">>": 2)."""
    m = _QUOTE_MARKS.match(text, line_start)
    return m.group(1).count(">") if m else 0


def _quoted_by(text: str, at: int) -> str | None:
    """For words on a quoted line ("> …"), the writer named by the line that opens the
    quotation (its first line, or the line above it: "On 13 May, Owen Hartley wrote:"), or
    else by the last "From:" header above them at their depth, as a forwarded or quoted
    message keeps its header under the marks ("> From: Marek Zielinski <…>"); "" when none
    names one; None for words on a line not quoted. A message quoted inside another (">>")
    is its own writer's: the quotation is the lines quoted at least as deep."""
    line_start = text.rfind("\n", 0, at) + 1
    depth = _depth(text, line_start)
    if not depth or ">" not in text[line_start:at]:
        return None
    first = line_start  # the first line of the quoted block
    while first > 0:
        above = text.rfind("\n", 0, first - 1) + 1
        if _depth(text, above) < depth:
            break
        first = above
    above = text.rfind("\n", 0, max(0, first - 1)) + 1 if first else first
    for a in (first, above):
        b = text.find("\n", a)
        line = unmarked(text[a : b if b >= 0 else len(text)])
        m = _WROTE.search(line)
        if m and _reporting(m["verb"]) and a_name(m["who"]):
            return m["who"]
    senders = [who for a, d, who in _senders(text) if first <= a < at and d == depth]
    return senders[-1] if senders else ""


# A quoted message's sender as its header gives them: "> From: Marek Zielinski <m.z@…>", on
# a line of its own beside another header field (`HEADER_FIELD`)
_FROM = re.compile(rf"[ \t]*From:[ \t]*{_NAME}[ \t]*(?:<[^>\n]*>)?[ \t]*")


@lru_cache(maxsize=16)  # asked once for each unit of a document (`speaker`)
def _senders(text: str) -> tuple[tuple[int, int, str], ...]:
    """The "From:" lines of a text's message headers, as (start, quote depth, sender): the
    sender a name (`a_name`), the line beside another header field quoted as deep."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"^.*$", text, re.M)]
    found = []
    for i, (a, line) in enumerate(lines):
        plain = unmarked(line)
        m = _FROM.fullmatch(plain)
        if m is None or not a_name(m["who"]):
            continue
        depth = _depth(text, a)
        beside = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if any(_depth(text, b) == depth and HEADER_FIELD.match(unmarked(ln)) for b, ln in beside):
            found.append((a, depth, m["who"]))
    return tuple(found)


def a_name(text: str) -> bool:
    """Whether capitalised words are a name: none a function word, one no English word
    ("Okafor", "Graham Pell"; "Cost", "From", "The Status Quo" are words)."""
    who = words(text)
    return not all(map(lexicon.is_word, who)) and not set(who) & lexicon.nltk_stopwords()


def paragraphs_in(text: str, start: int, end: int) -> list[Span]:
    """Blank-line blocks of `text[start:end]`, as spans."""
    out = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", text[start:end], re.S):
        out.append((start + m.start(), start + m.end()))
    return out


def _lines(text: str, a: int, b: int) -> list[Span]:
    return [(a + m.start(), a + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[a:b])]


def _is_byline(line: str) -> bool:
    """ "By Mara Ellison", "From: the editors", a letter's "— Helen Achebe, Marsh Road": a
    short sentence, not a paragraph that opens with "By 2030, ..." or "From now on, ...";
    a section's label and a date may stand beside it on its line ("*Opinion. By Priya
    Raman, professor of … . 3 November 2026.*")."""
    if _signs(_SIGN_OFF.match(line)) or credit(line):
        return True
    if (rated := _RATED_HEADER.match(line)) and a_name(rated["who"]):
        return True
    if not (m := byline(line)):
        return False
    spans = sentence_spans(line)
    sizes = [len(line[a:b].split()) for a, b in spans]
    at = next((i for i, (a, b) in enumerate(spans) if a < m.end() <= b), None)
    if at is None:
        return len(line.split()) <= BYLINE_WORDS
    others = sizes[:at] + sizes[at + 1 :]
    return sizes[at] <= BYLINE_WORDS and all(n <= LABEL_WORDS for n in others)


def _apart(line: str) -> bool:
    """A line that stands on its own, never part of wrapped prose: a list item, a heading, a
    byline, a bracketed note or a bold field ("**Sessions:** Thursdays")."""
    return _is_byline(line) or any(
        p.match(line) for p in (_LIST_ITEM, _HEADING, _BRACKETED, _BOLD_FIELD)
    )


def ends_sentence(piece: str) -> bool:
    """Whether a piece of text, as read, ends the way a sentence does."""
    return bool(_SENTENCE_END.search(display(piece).rstrip()))


def _is_hard_wrapped(text: str, lines: list[Span]) -> bool:
    """Prose wrapped at a width: most lines but the last run close to the longest one and
    stop mid-sentence, and none is a list item (a short line is a title or a note)."""
    if len(lines) < 2 or any(_apart(text[a:b]) for a, b in lines):
        return False
    width = max(b - a for a, b in lines)
    wrapped = sum(b - a >= 0.6 * width and not ends_sentence(text[a:b]) for a, b in lines[:-1])
    return wrapped >= 0.5 * (len(lines) - 1)


def unmarked(text: str) -> str:
    """`text` as its sentences read, at the same offsets: the marks that quote its lines
    ("> ") made spaces, so that a line of marks alone is a blank line between quoted
    paragraphs, and run-in headings made spaces, so that the sentence after one opens
    the item."""
    if ">" in text:
        text = _QUOTE_MARKS.sub(lambda m: " " * len(m.group(1)), text)
    if "**" in text or "__" in text:
        text = _RUN_IN.sub(lambda m: (m.group(1) or "") + " " * len(m.group(2)), text)
    return text


def is_table(text: str) -> bool:
    """Whether a paragraph is a Markdown table: every line a row between pipes, the second
    the line of dashes under the column headings."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    return (
        len(lines) >= 3
        and all(ln.startswith("|") and ln.endswith("|") for ln in lines)
        and bool(_TABLE_RULE.match(lines[1]))
    )


def _row(text: str, la: int, lb: int) -> list[Span]:
    """The cells of a table's row (the line `text[la:lb]`), as spans of their text without
    the pipes and spaces around it."""
    bars = [la + m.start() for m in re.finditer(r"\|", text[la:lb])]
    row = []
    for x, y in zip(bars, bars[1:], strict=False):
        piece = text[x + 1 : y]
        lead = len(piece) - len(piece.lstrip())
        row.append((x + 1 + lead, x + 1 + len(piece.rstrip())))
    return row


def _cells(text: str, a: int, b: int) -> list[list[Span]]:
    """The cells of a table's body rows (below the line of dashes), row by row."""
    return [_row(text, la, lb) for la, lb in _lines(text, a, b)[2:]]


def cell_headings(text: str, at: int) -> str | None:
    """What heads the table cell a position lies in: its row's label (the first cell) and
    its column's heading ("Privacy" and "Against the motion" for a worksheet's cell), the
    words without marks; None outside a table's body."""
    start = _paragraph_start(text, at)
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    if not is_table(text[start:end]):
        return None
    lines = _lines(text, start, end)
    head = _row(text, *lines[0])
    for la, lb in lines[2:]:
        if la <= at <= lb:
            row = _row(text, la, lb)
            col = next((i for i, (x, y) in enumerate(row) if x <= at <= y), None)
            if col is None:
                return None
            named = [row[0], head[col]] if col and col < len(head) else [row[0]]
            return " ".join(display(text[x:y]).strip() for x, y in named)
    return None


def _cell_sentences(text: str, a: int, b: int) -> list[tuple[Span, Span, bool]]:
    """A table whose cells, past each row's label in the first column, are all sentences
    is prose set out in a grid (a worksheet's case for and against on each point): each
    cell's sentences are pieces, the cell their line. Empty for any other table, which is
    read whole (figures in cells say nothing without their row and column)."""
    body = [cell for row in _cells(text, a, b) for cell in row[1:]]
    if not body or not all(x < y and ends_sentence(text[x:y]) for x, y in body):
        return []
    return [(s, (x, y), False) for x, y in body for s in sentence_spans(text, x, y)]


def _sentences(text: str, start: int, end: int) -> list[tuple[Span, Span, bool]]:
    """(sentence, its line or wrapped paragraph, whether that line is a list item); none
    from a message's header (`HEADER_FIELD`); a table is one piece, its headings and rows
    read together."""
    out = []
    for pa, pb in paragraphs_in(text, start, end):
        lines = _lines(text, pa, pb)
        if all(HEADER_FIELD.match(text[a:b]) for a, b in lines):
            continue
        if is_table(text[pa:pb]):
            out += _cell_sentences(text, pa, pb) or [((pa, pb), (pa, pb), False)]
            continue
        for group in _line_groups(text, lines):
            ga, gb = group[0][0], group[-1][1]
            if _is_hard_wrapped(text, group) or _continued(text, group):
                flat = text[:ga] + text[ga:gb].replace("\n", " ")  # same offsets, one line
                item = bool(_LIST_ITEM.match(text[ga:gb]))
                out += [(s, (ga, gb), item) for s in sentence_spans(flat, ga, gb)]
                continue
            for la, lb in group:
                item = bool(_LIST_ITEM.match(text[la:lb]))
                out += [(s, (la, lb), item) for s in sentence_spans(text, la, lb)]
    return out


def _line_groups(text: str, lines: list[Span]) -> list[list[Span]]:
    """A paragraph's lines in runs that may be one wrapped piece: a heading, a byline or a
    bracketed note stands alone; a list item or a bold field opens a run, which the plain
    lines after it continue ("**Evidence:** The poster found that only 1 in 12 schools
    could" above "say where pupils' data is stored."); plain lines after a line that stands
    alone open a run of their own (a review under its reviewer's line)."""
    groups: list[list[Span]] = []
    alone = True
    for line in lines:
        ln = text[line[0] : line[1]]
        if _is_byline(ln) or any(p.match(ln) for p in (_HEADING, _BRACKETED)):
            groups.append([line])
            alone = True
        elif alone or any(p.match(ln) for p in (_LIST_ITEM, _BOLD_FIELD)):
            groups.append([line])
            alone = False
        else:
            groups[-1].append(line)
    return groups


def _continued(text: str, group: list[Span]) -> bool:
    """Whether a run (`_line_groups`: its lines after the first are plain) that opens with
    a list item or a bold field is that one item or field wrapped: every line but the last
    stops mid-sentence and runs on in lower case (a new sentence would open with a capital)."""
    if len(group) < 2 or not _apart(text[group[0][0] : group[0][1]]):
        return False
    return all(
        not ends_sentence(text[a:b]) and text[c:d].lstrip()[:1].islower()
        for (a, b), (c, d) in zip(group, group[1:], strict=False)
    )


TITLE_WORDS = 15  # a plain-text title line is a heading's length, not a sentence's
# fields of a line, as series lines, slides and web pages print them: "A | B", "A · B"
FIELD_SEPARATOR = re.compile(r"\s+[·|•]\s+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def dateline(line: str) -> bool:
    """Whether a line is fields, one of them dated: "POLICY BRIEF No. 7 | December 2026",
    "Presentation to the board · 14 October 2026 · …". Such a line is no title, and no
    argument."""
    fields = FIELD_SEPARATOR.split(line.strip())
    return len(fields) > 1 and any(_YEAR.search(f) for f in fields)


def title_line(text: str) -> Span | None:
    """A plain text's title line: its first line (after any front matter), when it is a
    heading's length, ends with no full stop, comma or semicolon (a title may ask: "Who
    should own the library's chatbot?"), and stands alone as a paragraph or over a line that
    ends no sentence either (a subtitle or a dateline: "Panel at …, Leeds, 14 March 2026")."""
    lead = len(text) - len(text.lstrip())
    body = lead + front_matter_end(text[lead:])
    start = body + len(text[body:]) - len(text[body:].lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    first = text[start:end].strip()
    if dateline(first) and end < len(text):  # "POLICY BRIEF No. 7 | December 2026" above it
        start = end + len(text[end:]) - len(text[end:].lstrip())
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        first = text[start:end].strip()
    following = text[end + 1 :].split("\n", 1)[0].strip() if end < len(text) else ""
    if not first or first.startswith("#") or len(first.split()) > TITLE_WORDS:
        return None
    if re.search(r"[.,;:]\W*(?:\[\d+\])*$", first) or (following and ends_sentence(following)):
        return None  # a sentence's end, a citation marker after it ("… out.[8]") too
    return start, start + len(text[start:end].rstrip())


# The closing formulas of a letter ("Yours faithfully," "With best wishes,"), after which
# the writer signs: a closed class of English letter-writing.
VALEDICTION = re.compile(
    r"^\W*(?:(?:yours|with)\s+)?(?:(?:very\s+)?(?:best|kind|warm|warmest)\s+)?"
    r"(?:faithfully|sincerely|truly|regards|wishes|yours|signed)"
    r"(?:\s+(?:yours|faithfully|sincerely|by))?\W*$",
    re.I,
)
SIGNATURE_LINES = 8  # a letter signs off in its last lines


def signature_start(text: str) -> int | None:
    """Where a letter's signature block begins: after a closing formula ("Yours
    faithfully,", "Signed,") in its last lines. The names and roles below it are no
    argument ("and 212 other researchers, whose names are listed …")."""
    tail = len(text.rstrip())
    for _ in range(SIGNATURE_LINES):
        tail = text.rfind("\n", 0, tail)
        if tail < 0:
            break
    at = max(tail, 0)
    for m in re.finditer(r"[^\n]*", text[at:]):
        if VALEDICTION.match(m.group()) and m.group().strip():
            return at + m.end()
    return None


def _quotable_alone(text: str, span: Span, line: Span) -> bool:
    piece = text[span[0] : span[1]]
    whole_line = text[line[0] : line[1]]
    if line == title_line(text):
        return False
    signed = signature_start(text)
    if signed is not None and span[0] >= signed:
        return False
    if is_table(piece):  # quoted whole, headings and all, when it is short enough
        return len(piece) <= MAX_UNIT
    if _HEADING.match(whole_line) or _BRACKETED.match(whole_line) or _is_byline(whole_line):
        return False
    if _signs(_SIGN_OFF.match(piece)):  # a comment's sign-off at the end of its line
        return False
    if _CAPTION.match(whole_line) or _NOTICE.match(whole_line):  # a picture; a rights notice
        return False
    if _section_heading(text, line):  # "2. What open weights change"
        return False
    # a title, a heading or a cut-off line is not quotable; in a longer line, a whole
    # sentence before the cut (or before markup the line ends with) still stands
    cut = not ends_sentence(whole_line) and not whole_line.rstrip().endswith(":")
    # a list item that ends with its line is whole without a full stop ("- Closed providers
    # run red teams before every release"), as slides and notes write them
    cut = cut and not _whole_item(text, line)
    # so is a field on a line of its own, a bold label and its value, as forms and fact
    # boxes write them ("**Sessions:** Thursdays, 2.00–3.30 pm, Room B12"); not one that
    # only names someone, a credit as a byline is ("**Applicant:** Brightwater College")
    field = _BOLD_FIELD.match(whole_line)
    cut = cut and not (field and not _names_only(whole_line[field.end() - 1 :]))
    if cut and (len(piece) > 0.9 * len(whole_line) or not ends_sentence(piece)):
        return False
    if _in_apparatus(text, span):  # a reference list, "See also": no argument
        return False
    # a field that only names people, what they are aside, credits them as a byline does,
    # ended by a stop or not ("Witnesses: Professor Imogen Kaur, University of Leeds; …")
    value = _field_value(piece)
    if value is not None and _names_only(value):
        return False
    if gives_orders(piece):
        return False  # an order asserts nothing: it is data, never evidence
    return len(words(display(piece))) >= MIN_WORDS or piece.rstrip().endswith(":")


def _names_only(value: str) -> bool:
    """Whether a field's value is names alone: capitalised words and function words, no
    number ("Dr. Tomasz Wieczorek, Head of Learning Technology"); what a bracket says of a
    name is no more than its gloss ("Ms L. Tembo (IT lead, LT), Mr K. Ostrowski (Chair)")."""
    value = re.sub(r"\([^()\n]*\)", " ", display(value))
    ws = re.findall(r"[\w'’-]+", value)
    stop = lexicon.nltk_stopwords()
    return (
        any(w.lower() not in stop for w in ws)  # a name at least ("We do." names no one)
        and all(w[0].isupper() or w.lower() in stop for w in ws)
        and not any(c.isdigit() for c in value)
    )


def _field_value(piece: str) -> str | None:
    """The value of the field a piece opens with, after its bold label (`_BOLD_FIELD`:
    "**Present:** …") or its plain one (`_FIELD`: "Witnesses: …"); None for no field."""
    if bold := _BOLD_FIELD.match(piece):
        return piece[bold.end() - 1 :]
    plain = _FIELD.match(piece)
    return piece[plain.end() :] if plain else None


_BOLD_FIELD = re.compile(r"^\W{0,3}(?:\*\*|__)[^*_\n:]{1,40}(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]+\S")
# A rights notice: "© 2026 …", "Copyright 2026 …", "(c) 2026 …" (back matter, no argument)
_NOTICE = re.compile(r"^\W*(?:©|\(c\)\s*\d|copyright\b)", re.I)
_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s+\S")
_NUMBERED_MARK = re.compile(r"^\s*\d{1,2}[.)]\s+")
SECTION_WORDS = 8  # a numbered section heading is a few words: "4. Limits of this brief"


def _section_heading(text: str, line: Span) -> bool:
    """Whether a line is a numbered section heading of plain text: a number, a few words
    and no sentence end, as a paragraph of its own (a blank line, or the text's edge, on
    each side)."""
    piece = text[line[0] : line[1]]
    if not _NUMBERED.match(piece) or ends_sentence(piece) or piece.rstrip().endswith(":"):
        return False
    if len(piece.split()) > SECTION_WORDS + 1:
        return False
    before = text[: line[0]].rstrip(" \t")
    after = text[line[1] :].lstrip(" \t")
    return (not before or before.endswith("\n\n")) and (not after or after.startswith("\n\n"))


def headings(text: str) -> list[tuple[int, str]]:
    """The section headings of a text, each with where its section starts: Markdown heading
    lines ("## Key findings") and numbered section headings of plain text ("4. Limits of
    this brief"), their words without the marks. A Markdown heading on a text's first line
    is its title, which names the whole document, not a section."""
    body = front_matter_end(text)
    first = body + len(text[body:]) - len(text[body:].lstrip())
    out: list[tuple[int, str]] = []
    at = 0
    for line in text.split("\n"):
        span = (at, at + len(line))
        if _HEADING.match(line) and at != first:
            out.append((span[1], line.strip().strip("#").strip()))
        elif _section_heading(text, span):
            out.append((span[1], _NUMBERED_MARK.sub("", line, count=1).strip()))
        at = span[1] + 1
    return out


def standfirst(text: str) -> str:
    """The paragraph under a text's Markdown title that is set in emphasis, as a standfirst
    or a head note is ("*A handout from the Northfield Libraries digital help desk …*");
    "" when there is none."""
    body = text[front_matter_end(text) :].lstrip()
    parts = re.split(r"\n[ \t]*\n", body, maxsplit=2)
    if len(parts) < 2 or not _HEADING.match(parts[0]):
        return ""
    note = parts[1].strip()
    return note if note[:1] in ("*", "_") else ""


# Bold words that open a paragraph head the sentences after them ("**Ogunbiyi, F. (2025).
# "Many Hands".** An essay arguing …", "**Can I use it at home?** Yes."): any length, marks
# inside ("*The Locked Room*"); `_RUN_IN` is the narrower form the splitter blanks.
_LEAD_IN = re.compile(r"[ \t]*(?:\*\*|__)(?P<lead>[^\n]{1,200}?)(?:\*\*|__)")


# A field's label that opens a paragraph, as a structured abstract labels its parts
# ("Results: The paid service's feedback …"): one or two capitalised words and a colon
_FIELD = re.compile(r"[ \t]*(?P<label>[A-Z][a-z]+(?:[ \t]+[a-z]+)?):[ \t]")


def run_in(text: str, at: int) -> str:
    """The run-in heading a position lies under, when it comes after it (its words without
    marks): a table cell's row label and column heading (`cell_headings`); the bold words
    that open its paragraph, or the last run-in heading inside the
    paragraph before it (`_RUN_IN`), or a field's label that opens it (`_FIELD`, a word,
    not a name: "Results:"); '' for any other. A bold label that ends with a colon is no
    heading ("**Okafor:**" opens a speaker's turn: `speaker`; "**Motion:**" a field)."""
    if (cell := cell_headings(text, at)) is not None:
        return cell
    start = _paragraph_start(text, at)
    inside = [m for m in _RUN_IN.finditer(text, start, at) if m.start(2) > start]
    if inside:
        return display(inside[-1].group(2)).strip()
    m = _LEAD_IN.match(text, start)
    if m and m.end() <= at and not m["lead"].rstrip().endswith(":"):
        return display(m["lead"]).strip()
    field = _FIELD.match(text, start)
    if field and field.end() <= at and not a_name(field["label"]):
        return field["label"]
    return ""


def section_of(sections: list[tuple[int, str]], at: int) -> str:
    """The heading of the section a position lies in (`headings`), '' before the first."""
    i = bisect.bisect_right([start for start, _ in sections], at)
    return sections[i - 1][1] if i else ""


def _whole_item(text: str, line: Span) -> bool:
    """Whether a line is a list item that ends where the line does: the next line is another
    item, a blank line or the end (not the wrapped rest of the item)."""
    if not _LIST_ITEM.match(text[line[0] : line[1]]):
        return False
    following = text[line[1] + 1 :].split("\n", 1)[0]
    return not following.strip() or bool(_LIST_ITEM.match(following) or _HEADING.match(following))


# The headings of a text's apparatus (a closed class of English headings): lists of works
# and links, which hold no argument, and notes, whose citations hold none ("[1] Quiz bank,
# 2021-2024.") though a note may ("[2] … is often called "contamination".")
_APPARATUS = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+)?(?:(?P<works>bibliography|works cited|further reading|see also"
    r"|external links)|references|sources|notes|footnotes|endnotes|citations)[ \t]*:?[ \t]*$",
    re.I | re.M,
)
_ANY_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+\S", re.M)
CITATION_WORDS = 20  # a citation is a name, a title and a year, not a sentence of argument


def _in_apparatus(text: str, span: Span) -> bool:
    """Whether a span is apparatus: under a list of works or links ("## See also"), or a
    citation (a line with a year, a citation's length: "2. ^ Osei, A. (2025). "What counts
    as open?" Journal …", each of its sentences) under notes ("## References"), before the
    next Markdown heading."""
    heads = list(_APPARATUS.finditer(text, 0, span[0]))
    if not heads or _ANY_HEADING.search(text, heads[-1].end(), span[0]):
        return False
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    piece = text[start : len(text) if end < 0 else end]
    cited = bool(_YEAR.search(piece)) and len(piece.split()) <= CITATION_WORDS
    return bool(heads[-1]["works"]) or cited


LEAD_IN_WORDS = 3  # "Instead,", "In practice," "By then,": a short lead-in before a comma


def _points_back(text: str, span: Span) -> bool:
    """Whether a sentence opens by pointing back: its first word, or the first word after a
    short lead-in and a comma ("Instead, its first claim ..."), is an anaphor; or it opens
    with a connective of consequence ("So for legal contracts …", "Therefore …"), whose
    grounds are the sentence before ("so" before an adjective or adverb is a degree: "So far,
    …", "So many …")."""
    sentence = display(text[span[0] : span[1]])
    lead, comma, rest = sentence.partition(",")
    openers = [sentence]
    if comma and 0 < len(words(lead)) <= LEAD_IN_WORDS:
        openers.append(rest)
    if any((first := words(o)[:1]) and first[0].split("'")[0] in lexicon.ANAPHORA for o in openers):
        return True
    opening = words(sentence)[:2]
    if not opening or opening[0] not in lexicon.CONSEQUENCE:
        return False
    return opening[0] != "so" or len(opening) < 2 or not _degree_word(opening[1])


def _degree_word(word: str) -> bool:
    """An adjective or adverb to lemminflect, or to WordNet when no function word ("far",
    "many"): "so" before it says how much, not what follows from what."""
    from .wordnet import wordnet  # loaded on the first sentence that opens with "so"

    if lexicon.parts_of_speech(word) & {"ADJ", "ADV"}:
        return True
    if word in lexicon.nltk_stopwords():  # "So I …", "So we …": WordNet's "I" is a numeral
        return False
    return any(k[0] in "asr" for k in wordnet().synsets(word))


# A date alone as a paragraph's first sentence, as a chronicle opens each entry ("2023.",
# "March 2024:"): it says when the sentence after it happened, and is quoted with it.
_DATE_ALONE = re.compile(
    r"^\W*(?:\d{1,2}\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
    r"(?:\d{1,2},?\s+)?(?:1[89]|20)\d\d[.:]?\W*$",
    re.I,
)


def quotable_units(text: str, start: int, end: int) -> list[Span]:
    """The quotable units of `text[start:end]` (a chunk), as spans into `text`, in order.
    Quoted lines are read without their quote marks, run-in headings apart (`unmarked`)."""
    text = unmarked(text)
    found = _sentences(text, start, end)
    spans = [
        _unsigned(text, _past_timestamp(text, quote_span(text, a, b))) for (a, b), _, _ in found
    ]
    ok = [_quotable_alone(text, spans[i], found[i][1]) for i in range(len(found))]
    units: list[Span] = []
    dated: Span | None = None  # a paragraph's opening date, for the sentence after it
    for i, (a, b) in enumerate(spans):
        if not ok[i]:
            opens = not text[found[i][1][0] : a].strip()
            dated = (a, b) if opens and _DATE_ALONE.match(text[a:b]) else None
            continue
        if dated is not None and _same_block(text, dated, (a, b)):
            a = dated[0]  # "2023. The university signs …": a chronicle's year, quoted with it
            spans[i] = (a, b)
        dated = None
        if text[a:b].rstrip().endswith(":") or announces(text[a:b]):
            end_of = _what_follows(spans, found, ok, i)
            # a whole that reads as an order is no more quotable than an order alone
            if end_of is not None and not gives_orders(text[a:end_of]):
                units.append((a, end_of))
            continue
        same_paragraph = i > 0 and _same_block(text, spans[i - 1], (a, b))
        joined = same_paragraph and ok[i - 1] and not found[i][2] and _points_back(text, (a, b))
        if joined and not gives_orders(text[spans[i - 1][0] : b]):
            units.append((spans[i - 1][0], b))
            continue
        units.append((a, b))
    return units


# "Here's what worries me.", "Here is why.": English points forward with "here" as a colon
# does, to the sentence that says it.
_HERE = re.compile(r"\W*here(?:['’]s|\s+is|\s+are)\s", re.I)


def announces(sentence: str) -> bool:
    """Whether a sentence (after any speaker's label) announces the one after it."""
    turn = _TURN.match(sentence)
    return bool(_HERE.match(sentence, turn.end() if turn else 0))


def _past_timestamp(text: str, span: Span) -> Span:
    """A span without the timestamp a recording's turn opens with ("[00:02:32] OLA …"): a
    time in the recording, which says nothing and is no figure of the argument."""
    m = re.compile(TIMESTAMP).match(text, span[0], span[1])
    return (m.end(), span[1]) if m and m.end() < span[1] else span


def _unsigned(text: str, span: Span) -> Span:
    """A span without the sign-off its line ends with ("… instead. — Priya Nair (talk)
    14:02, 3 May 2026"): the writer's name, not their words. A sign-off alone is no unit
    (`_quotable_alone`)."""
    m = _SIGN_OFF.search(text, span[0], span[1])
    if m is None or not _signs(m) or m.start() <= span[0]:
        return span
    return span[0], span[0] + len(text[span[0] : m.start()].rstrip())


def _what_follows(
    spans: list[Span], found: list[tuple[Span, Span, bool]], ok: list[bool], i: int
) -> int | None:
    """Where the thought a colon opens ends: after the list that follows (whole items, up to
    MAX_UNIT characters), or after the next sentence; None when nothing quotable follows."""
    j, n, start = i + 1, len(spans), spans[i][0]
    if j >= n or not ok[j]:
        return None
    if not found[j][2]:
        return spans[j][1]
    end = None
    while j < n and found[j][2] and ok[j]:
        k = j
        while k < n and found[k][1] == found[j][1]:  # every sentence of this item's line
            k += 1
        if spans[k - 1][1] - start > MAX_UNIT:
            break
        end, j = spans[k - 1][1], k
    return end


def _same_block(text: str, before: Span, after: Span) -> bool:
    """Whether two spans sit in one paragraph (no blank line between them)."""
    return not re.search(r"\n[ \t]*\n", text[before[1] : after[0]])
