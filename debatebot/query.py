"""Understand a question: turn it into a typed Query before anything is retrieved.

    understand("How do Luttig and the Stanford Review essay disagree about security?", docs,
               motion)
    -> Query(kind="comparison", scope=[luttig…, stanford…], topic="security", …)

- scope: the documents the question names, by the manifest's `author` (and the author's
  surname), `aliases` (any case), `label` and `title` (as written, capitalised: "Open Source
  Generative AI" names a document, "open-source generative AI" is a topic), and a
  definite phrase of its title's words with a noun no other title has ("the bakery" for "A
  bakery owner's notes …"). A person mentioned inside an essay (Zuckerberg) is not an
  author and scopes nothing. With none named, "these documents" (`latest_added`) are the
  last batch added with `debatebot index`.
- kind: comparison (a comparing word and two documents or both sides), view (one document and
  a word asking for its view), definition ("what is X", "what does X mean"), overview (the
  arguments, risks or benefits of a side, or what the sources say about a topic), else fact.
- side: the side whose case an overview asks for; "the risks of X" and "arguments against X"
  ask for the other side's case.
- topic: what remains when intent words, document names (and, outside facts, the words
  naming a side) are removed; `focus` is the question without the document names.
- closing: a view, overview or comparison that asks how a document ends (its conclusion).
- names: the names an answer must contain; the motion's own words are none ("AI" in
  "open-source AI").
A request around a question ("I'd like to know who …", "Can you tell me how …") is read
without it (`asked`). The rules are about how questions are phrased, never about one
question; `evals/kinds_eval.py` measures them on 89 questions in students' words.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from .corpus import HONORIFICS, DocumentInfo, authors, is_body
from .lexicon import (
    DIRECTIVES,
    INTENT,
    PARTICLES,
    QUANTITY_WORDS,
    STANCE_MARKERS,
    comparative,
    lemma,
    maybe_noun,
    nltk_stopwords,
    noun_lemma,
    parts_of_speech,
    plural_noun,
    superlative,
)
from .models import Side
from .motion import Motion
from .text import (
    HANDLE,
    NUMBER_WORDS,
    STOPWORDS,
    content_terms,
    cut,
    required_names,
    tokens,
    words,
)
from .units import a_name

Kind = Literal["fact", "view", "overview", "comparison", "definition"]

COMPARE = re.compile(
    r"\b(compar\w*|contrast\w*|differ\w*|disagree\w*|agree\w*|versus|vs\.?|similar\w*|"
    r"in common|each other|both|common ground|clash\w*|at odds|diverg\w*|"
    r"(stronger|better|weaker|more convincing|more persuasive) (case|argument)s?)\b",
    re.I,
)
_PLURAL_SOURCES = re.compile(
    r"\b(essays|authors|articles|documents|sources|texts|writers|sides|camps|pieces|views|"
    r"opinions|positions|perspectives)\b",
    re.I,
)
_VIEW = re.compile(
    r"\b(views?|think\w*|thought|believ\w*|reckon\w*|opinions?|positions?|stances?|take on|take|"
    r"argu\w*|land|lands|come down|comes down|conclu\w+|summar\w+|thesis|main (point|idea)s?|"
    r"stand|feel\w*|see|sees|for or against|in favou?r|side with|support\w*|prefers?|"
    r"preferred|oppose[sd]?|favou?rs?|favou?red|endorse[sd]?|decid\w*|decisions?|"
    r"describ\w*|says? about|said about|make of|perspective|attitude|recommend\w*|advis\w*|"
    # "What will the opposition say?", "What did the parents discuss?": all they say, the
    # clause ending with the verb of speech
    r"(?:say|says|said|discuss(?:es|ed)?|talk(?:s|ed)?\s+about)(?=\s*(?:[,.?!]|$))|"
    r"propos(?:e|es|ed|ing|als?)|suggest\w*|urge[sd]?|ask(?:s|ed)?\s+(?:of|for)|"
    # verbs of judging: what a person criticises or praises is their view of it
    r"critici[sz]\w*|critiqu\w*|prais\w*|doubts?|doubted|disput\w*|dismiss\w*|welcom\w*|"
    r"warn\w*|complain\w*|object(?:s|ed)? to|objections?|"
    # verbs of conceding: what a person admits is their view of their own case's limits
    r"admit\w*|conced\w*|acknowledg\w*)\b",
    re.I,
)
_MEASURES = r"many|much|long|far|big|large|fast|quickly|soon|often|old"  # "how long", ...
# What a case is made of: "which arguments ...?" asks for a case, not a fact.
_CASE_NOUNS = (
    r"arguments?|reasons?|points?|claims?|concerns?|risks?|benefits?|advantages?|"
    r"disadvantages?|strengths?|weakness\w*|downsides?|drawbacks?|problems?|challenges?|"
    r"dangers?|threats?|criticisms?"
)
# "What problems do model builders face?", "What risks does it pose?": the verb whose object
# is the fronted case noun says only that the subject has the case (face, pose, get, see).
# It ends the question, or the side the case is for follows it ("… hear for closed
# models?"); a last word after a preposition is its object ("… bring to startups?"), and
# one that is no verb is no such verb ("… have for businesses?").
_CASE_VERB = re.compile(
    rf"^\W*(?:which|what)\s+(?:{_CASE_NOUNS})\s+(?:do|does|did|will|would|can|could|might|may)"
    r"\b(?P<rest>.*?)\s(?P<verb>[a-z]+)(?:\s+(?:for|against)\s[^?]*)?\W*$",
    re.I,
)
PREPOSITIONS = r"about|with|on|for|of|to|in|from|at|by|worth|like|into|over|under|against"
# "Where does X stand on Y?" asks for a view, not a place.
# "Where does Luttig stand on bans?", "Where is Luttig on bans?": a stance, not a place
_STANDING = (
    r"[^?]*\b(stand|stands|land|lands|come down|comes down)\s+on\b"
    r"|\s+(is|are|was|were)\s+(the\s+)?[A-Z][^?]*?\s+on\s"
)
_WHERE_STANDS = re.compile(rf"^\W*where(?:{_STANDING})", re.I)
# "How does Okonkwo answer the claim that …?", "… respond to the worry …": a document's
# reply to a point against it is its view
_ANSWERS_POINT = re.compile(
    r"\b(?:answer|answers|answered|respond|responds|responded|reply|replies|replied)\s+"
    r"(?:to\s+)?(?:the|this|that|a|an|his|her|their|its)\s+(?:[\w-]+\s+)?"
    rf"(?:{_CASE_NOUNS}|worr(?:y|ies)|objections?|charges?|challenges?)\b",
    re.I,
)
# "Does the handout say open models are always worse?": whether a document holds a claim
_DOES_SAY = re.compile(r"^\W*(?:does|do|did)\s+[^?]*?\bsay\b", re.I)
# "Why is Tomasz Wren against …?", "Are the governors in favour of …?": a subject that "is"
# for or against a thing holds a position on it, a view
_HOLDS_POSITION = re.compile(
    r"\b(?:is|are|was|were)\s+(?:[\w'’-]+\s+){1,3}?(?:against|in\s+favou?r\s+of|opposed\s+to)\s",
    re.I,
)
# "Which side does Harper take?" asks a document's stance, not a fact; nor a case ("which
# arguments …?")
_FACT_SHAPE = re.compile(
    rf"^\W*(who|whom|which(?!\s+({_CASE_NOUNS}|sides?|camps?)\b)|when|where(?!{_STANDING})|"
    rf"how ({_MEASURES}))\b",
    re.I,
)
# "Which app does the reviewer recommend?": the writer's own choice among things, their
# view (the English verbs of recommending and preferring), not a name to find
_CHOICE = re.compile(
    r"^\W*which\b[^?]*\b(?:recommend(?:s|ed)?|prefer(?:s|red)?|favou?r(?:s|ed)?|"
    r"endorse[sd]?|back(?:s|ed)?)\b",
    re.I,
)
# "What is the news article about?": what a document is about, its view
# (the words left between, once the document's name is taken out, are function words: "What
# is the letter to the editor about?" is "What is the to the about?")
_ABOUT_ITSELF = re.compile(
    r"^\W*what(?:'s|\s+(?:is|was|are|were))\s+(?P<left>(?:[\w'’]+\s+)*?)about\W*$", re.I
)


def _about_itself(focus: str) -> bool:
    m = _ABOUT_ITSELF.search(focus)
    return m is not None and all(w in STOPWORDS for w in m["left"].lower().split())


_WHICH_SIDE = re.compile(r"\bwhich (side|camp)\b", re.I)  # which of the two: both compared
# "Should schools ban open models?": a question of the debate itself, which each document
# answers its own way: the whole debate on it
_SHOULD = re.compile(r"^\W*should\b", re.I)
_DEFINE = re.compile(
    # a term, not a property of something ("What is TSMC's revenue?" asks a fact)
    r"^\W*(what|who)\s+(is|are|was|were)\s+(an?\s+|the\s+)?(?P<term>[^?'’]{1,48}?)\s*\??\s*$"
    r"|\bwhat (does|do|is meant by)\s+(?P<term2>[^?]{1,48}?)\s+(mean|refer to|stand for)\b"
    r"|\b(define|definition of|meaning of|what is meant by)\b",
    re.I,
)
_ENDS_WITH_PREPOSITION = re.compile(rf"\b({PREPOSITIONS})\s*\??\s*$", re.I)
# People who hold a view, as a question names them: "why do (some) people think …".
_HOLDERS = (
    r"people|supporters|advocates|proponents|backers|fans|defenders|critics|opponents|"
    r"skeptics|sceptics|detractors"
)
_HOLD = (
    r"think|believe|say|argue|claim|prefer|favou?r|support|back|like|trust|distrust|oppose|"
    r"worry|fear|doubt|want|see|expect|predict"
)
# How English says that people hold an attitude, as adjectives ("What are people worried
# about?"): the common attitude adjectives of the language, none taken from the essays.
_ATTITUDE = (
    r"worried|concerned|afraid|scared|excited|hopeful|optimistic|pessimistic|skeptical|sceptical"
)
# Saying that something is put forward, in the passive ("points are made", "reasons given")
_PUT = r"made|given|offered|raised|put forward|presented"
_OVERVIEW = re.compile(
    r"\b(main|key|major|central|strongest|biggest|best|most important)\s+"
    r"(arguments?|points?|reasons?|claims?|ideas?|themes?|risks?|benefits?|concerns?|"
    # what a study or a report comes to: "the main findings", "the key results"
    r"findings?|results?|lessons?|conclusions?|messages?|takeaways?)\b"
    r"|\b(arguments?|case|reasons?|points?)\s+(for|against|about|on|made)\b"
    # an account of an event: "What happened in the final?", "… after the school switched?"
    r"|\bwhat\s+happen(?:s|ed)\s+(?:in|at|during|after|when|once|since)\b"
    # "What points are made about X?", "What reasons are given for X?"
    rf"|\b(arguments?|reasons?|points?|claims?|concerns?)\s+((are|is|were|was|being)\s+)?({_PUT})\b"
    # "What is said about X?": the sources, unnamed, as the agent of a passive
    r"|\b(is|are|was|were)\s+(said|written|argued|claimed)\s+(about|on|of|regarding)\b"
    # "the economic arguments", "the strongest reasons": a plural of what a case is made of
    r"|\bthe\s+([\w-]+\s+)?(arguments|reasons|points|concerns|themes)\b"
    r"|\boverview\b|\bsummar\w+\b|\bpros and cons\b"
    r"|\b(risks?|dangers?|downsides?|drawbacks?|disadvantages?|weakness\w*|criticisms?|"
    r"problems?|benefits?|advantages?|strengths?|upsides?)\s+(of|for|to)\b"
    # the sources as a whole as the subject: "What lessons do the texts draw?"
    r"|\b(do|does|did|would)\s+(the |these |both |all )?(sources|essays|authors|documents|"
    r"articles|texts|writers|pieces|debate|discussion)\b"
    r"|\bwhy (might|would|could|will|should|do|does)\b[^?]*\b(win|lose|succeed|fail|matter)\b"
    # why a side's supporters or critics hold what they hold: the case for or against it
    rf"|\bwhy (do|does|did|would|might) ((some|many|most|so many) )?({_HOLDERS}) ({_HOLD})\b"
    # what people feel about something: "What are people worried about with X?"
    rf"|\bwhat (are|is|were|was) ((some|many|most) )?({_HOLDERS}) ({_ATTITUDE})\b"
    # what the holders of a view say: "What do critics of closed AI say?"
    rf"|\b(do|does|did|would|will)\s+((the|some|many|most)\s+)?({_HOLDERS})\b"
    # why something is held to be so: "Why is open-source AI considered risky?"
    r"|\bwhy (is|are|was|were)\b[^?]*\b(considered|seen|viewed|thought|regarded|deemed)\b"
    # what a case is made of: "What makes X attractive?", "Which arguments support X?",
    # "What evidence is there that X?"
    rf"|\bwhat makes\b|\b(which|what)\s+({_CASE_NOUNS})\b|\bwhat (evidence|examples?|signs?)\b"
    # what something does for someone: "How might open source benefit developers?"
    r"|\bhow (do|does|did|might|could|would|will|can)\b[^?]*\b(benefit|help|hurt|harm|"
    r"threaten|affect|serve|damage|impact)\w*\b"
    r"|\bsum(s|med|ming)? (it |this |things |everything |that )?up\b|\brecap\b|\bgist\b",
    re.I,
)
_OVERVIEW_FORM = re.compile(
    r"\b(main|key|major|central|strongest|biggest|best|most important)\s+"
    r"(arguments?|points?|reasons?|claims?|ideas?|themes?|findings?|results?|lessons?|"
    r"conclusions?|messages?|takeaways?)\b|\b(arguments?|case|reasons?|"
    r"points?)\s+(for|against|about|on|made)\b|\boverview\b|\bsummar\w+\b|\bpros and cons\b"
    r"|\bwhat\s+happen(?:s|ed)\b"
    rf"|\b(arguments?|reasons?|points?|claims?|concerns?)\s+((are|is|were|was|being)\s+)?({_PUT})\b"
    r"|\b(is|are|was|were)\s+(said|written|argued|claimed)\b"
    r"|\b(arguments|reasons|points|concerns|themes)\b"
    rf"|\b({_ATTITUDE})\b|\bwhat makes\b|\b(considered|seen|viewed|regarded|deemed)\b"
    r"|\b(evidence|examples?|signs?)\b|\bsum\w* (it |this |things |everything |that )?up\b"
    r"|\b(recap|gist|list|outline)\b"
    r"|\b(win|lose|succeed|fail|matter|dominate|prevail)\b|\bagainst\b",
    re.I,
)
# Asking for how a document ends: its conclusion, its last word.
_CLOSING = re.compile(
    r"\b(conclu\w+|in the end|closing|final (words?|points?|thoughts?)|verdicts?|bottom line|"
    r"(ends?|ending) (on|with))\b|\b(end|ends|ending)( (their|its|his|her) \w+)?\W*$",
    re.I,
)
# "makes the stronger case", "make a point": how a case is put, not what about
_MAKES_CASE = re.compile(r"\bmak(e|es|ing) (a |the |an )?([\w-]+ )?(case|argument|point)s?\b", re.I)
_BOTH_SIDES = re.compile(r"\b(the|two|both|2)\s+(sides|camps)\b", re.I)
# The forms a document takes, and the people who make one: nouns all.
FORM_NOUNS = (
    r"pieces?|essays?|articles?|posts?|authors?|texts?|"
    r"documents?|writers?|reports?|letters?|newsletters?|transcripts?|interviews?|panels?|faqs?|"
    r"podcasts?|episodes?|hosts?|guests?|panell?ists?|"
    r"blogs?|columns?|editorials?|speech|speeches|memos?|e-?mails?|messages?|threads?|"
    r"briefs?|slides?|decks?|handouts?|minutes|wikis?|encyclopa?edias?|presentations?|"
    r"lectures?|papers?|chapters?|op-?eds?|repl(?:y|ies)|reviews?|explainers?|guides?|"
    r"round-?ups?|biograph(?:y|ies)|diar(?:y|ies)|bulletins?|digests?|"
    # what is kept of a meeting, and the sheets a class works from
    r"sessions?|hearings?|meetings?|worksheets?|pages?|chats?"
)
# Words of a structural question's form: what it compares or summarises, not its topic.
_FORM = re.compile(
    rf"\b({_HOLDERS}|sides?|camps?|cases?|{FORM_NOUNS}|"
    r"two|2|both|these|debate|discussion|talk|discuss\w*|reach\w*|"
    r"right|wrong|correct|"
    r"those|main|key|overall|general|ly|versus|vs)\b",
    re.I,
)
# Words that judge a side as a whole: in an overview of one side they say which case is
# asked for, not what about ("the downsides of X" is the case against X, "the benefits of X"
# the case for it).
_JUDGED_AGAINST = (
    r"downsides?|drawbacks?|disadvantages?|weakness\w*|criticisms?|problems?|critics|opponents|"
    r"skeptics|sceptics|detractors|worri\w*|worry|concern\w*|pessimis\w*|skeptical|sceptical"
)
_JUDGED_FOR = (
    r"benefits?|advantages?|strengths?|upsides?|pros|merits?|attractive|appeal\w*|good|bad|"
    r"help\w*|supporters|advocates|proponents|backers|fans|defenders"
)
# Words of harm also ask against a side, but they stay in the topic: "the dangers of X"
# asks about safety.
_HARMS = (
    r"risks?|dangers?|threats?|harms?|afraid|scared|fears?|risky|dangerous|harmful|unsafe|"
    r"hurt\w*|threaten\w*|damag\w*"
)
# Asking for a side's weaknesses is asking for the other side's case.
_AGAINST = re.compile(rf"\b({_JUDGED_AGAINST}|{_HARMS}|against|lose|fail\w*)\b", re.I)
_HARM = re.compile(rf"\b({_HARMS})\b", re.I)
_EVALUATIVE = re.compile(rf"\b({_JUDGED_AGAINST}|{_JUDGED_FOR})\b", re.I)
PART = r"percentage|percent|share|fraction|proportion"  # "what share of X": a part of a whole
# "What did the app cost?": a price (the verb, not the noun: "What do they say about cost?")
WHAT_COST = (
    r"^\W*what\s+(?:does|did|do|will|would)\s+[^?]*[\w'’]\s+(?<!\babout\s)(?<!\bon\s)"
    r"(?<!\bof\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bin\s)(?<!\bfor\s)cost\W*$"
)
_WANTS_NUMBER = re.compile(
    r"^\W*(how (many|much|large|big|long|far|fast|quickly|often|old)"
    rf"|what ({PART}|number|amount|price|cost)|by how much)\b|{WHAT_COST}",
    re.I,
)
_MEASURE = re.compile(rf"^\W*(?:how\s+({_MEASURES})|what\s+(?:{PART}) of)\b", re.I)
_WANTS_TIME = re.compile(r"^\W*(when\b|(in |since )?what year\b|since when\b)", re.I)
_SPAN = re.compile(
    r"^\W*how (long|far|soon|quickly|fast|often|old)\b"
    # "How much sooner …?": the comparatives of those words ask a difference of time too
    r"|^\W*how much (sooner|later|earlier|longer|faster|quicker|slower|older|younger)\b",
    re.I,
)
_LENGTH = re.compile(r"^\W*how long\b", re.I)
# "Who …?", and "What is the name (the title) of …?", "What was X called?": a name
_WANTS_NAME = re.compile(
    r"^\W*(who|whom|whose)\b"
    r"|^\W*what(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+)?(?:names?|titles?)\s+of\b"
    r"|^\W*what\s+(?:is|was|are|were)\b.*\bcalled\W*$",
    re.I,
)
# "Where is Mistral based?": a place; not "Where does the data come from?" (a source),
# "Where did the club place?" (a rank) nor "Where is Luttig on bans?" (a stance), which a
# place need not answer: "where" and a form of "be", ending in a participle (`_ends_placed`)
_WANTS_PLACE = re.compile(r"^\W*where\s+(is|are|was|were)\b.*?(?P<last>[a-z]+)\W*$", re.I)


def _ends_placed(question: str) -> bool:
    """Whether a "where is …" question ends in a participle ("based", "headquartered",
    "built"): a verb form that is no noun, not its own lemma ("Where is X on open source?"
    ends in a noun, "models" in a noun's plural)."""
    m = _WANTS_PLACE.search(question)
    if not m:
        return False
    last = m.group("last").lower()
    pos = parts_of_speech(last)
    return last.endswith("ed") or ("VERB" in pos and "NOUN" not in pos and lemma(last) != last)


# "Who leads the lab?": the verb whose doer is asked for (not an auxiliary: "Who is …")
_DEED = re.compile(r"^\W*who\s+(?P<verb>[a-z]+)\b", re.I)
# "how many X does ...", "what share of X ...": X is what is counted; its last word must be
# in an answer ("How many parameters does GPT-4 have?" is not answered by GPT-4's cost).
# "How much would X cost?" counts no X: the amount is the verb's.
_AUXILIARY = r"(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should)"
# adverbs that stand between a subject and its verb ("How many schools already have …?"):
# a closed class of English
_BEFORE_VERB = r"(?:already|still|now|currently|actually|really|ever|also|each|all)"
_COUNTED = re.compile(
    rf"^\W*(?:how (?:many|much)|what (?:{PART}|number|amount) of)"
    rf"\s+(?!{_AUXILIARY}\b)(?P<noun>(?:[\w'-]+\s+){{0,3}}?[\w'-]+?)"
    rf"(?:\s+{_BEFORE_VERB})?\s+(?:{_AUXILIARY}|use|uses|used)\b",
    re.I,
)


def _deed(question: str) -> str | None:
    """The verb of "who <verb> …?" ("leads"), when it can be a verb and is no auxiliary."""
    m = _DEED.search(question)
    verb = m.group("verb").lower() if m else ""
    if not verb or re.fullmatch(_AUXILIARY, verb) or "VERB" not in parts_of_speech(verb):
        return None
    return verb


_WHICH = re.compile(r"^\W*(?:which|what)\s+(?P<rest>.+?)\W*$", re.I)


def _which_deed(question: str) -> str | None:
    found = which_doer(question)
    return found[1] if found else None


def which_doer(question: str) -> tuple[str, str] | None:
    """(X, verb) of "which X <verb> …?" (`which_asked`) when X's first sense names a doer (a
    person, a group, a place: `WordNet.mostly_a_doer`): what the answer must be said doing."""
    found = which_asked(question)
    if not found:
        return None
    from .wordnet import wordnet  # loaded on the first "which X" question

    return found if wordnet().mostly_a_doer(found[0]) else None


# The auxiliaries that open a question's inversion: "do" and the modal verbs ("Which model
# will the council run?")
_ASKING_AUX = r"do|does|did|will|would|can|could|shall|should|may|might|must"


def which_asked(question: str) -> tuple[str, str] | None:
    """(X's lemma, verb) of "which X <verb> …?" ("Which company makes …?") or "which X do Y
    <verb> …?" ("Which cloud provider does the fund use?", "… will the council run?"). The
    verb of the first comes right after X's words, inflected (-s, -ed) or after a plural X;
    that of the second is the first lower-case word after Y's first that can be a verb and
    ends the question or comes before a function word ("did Red Hat hide behind …")."""
    m = _WHICH.search(question)
    ws = m.group("rest").split() if m else []
    aux = next((i for i, w in enumerate(ws) if re.fullmatch(_ASKING_AUX, w, re.I)), None)
    noun = verb = None
    if aux is not None and 1 <= aux <= 3:
        noun, tail = ws[aux - 1], ws[aux + 2 :]
        for i, w in enumerate(tail):
            ends = i == len(tail) - 1 or _function_word(tail[i + 1])
            if ends and w.islower() and w.isalpha() and "VERB" in parts_of_speech(w):
                verb = w
                break
    else:
        for i, w in enumerate(ws[1:4], start=1):
            if re.fullmatch(_AUXILIARY, w, re.I) or not w.islower():
                break
            plural = plural_noun(ws[i - 1])
            if "VERB" in parts_of_speech(w) and (plural or re.search(r"(?:s|ed)$", w)):
                noun, verb = ws[i - 1], w
                break
    if not noun or not verb:
        return None
    return noun_lemma(noun.lower()) or noun.lower(), verb.lower()


def _function_word(word: str) -> bool:
    word = word.lower().strip("?.,!")
    return word in nltk_stopwords() or word in PARTICLES


_HOW_MANY = re.compile(r"^\W*how many\s+(?P<rest>.+)$", re.I)


def _plural_counted(question: str) -> str | None:
    """What "how many X <verb> …" counts with no auxiliary after X ("How many volunteers
    work at the archive?"): the first plural noun of the words after "how many", within
    four; None when there is none ("How many of them …")."""
    m = _HOW_MANY.search(question)
    for w in re.findall(r"[\w'-]+", m.group("rest"))[:4] if m else []:
        low = w.lower()
        if re.fullmatch(_AUXILIARY, low) or low in nltk_stopwords():
            return None
        if plural_noun(low):
            return w
    return None


# Words that open a rate after a counted noun ("a week", "per day", "each year"): English
# determiners of distribution, a closed class.
_RATE_WORDS = frozenset(["a", "an", "per", "each", "every"])
# Prepositions that place the noun before them ("what share of schools in the region":
# schools): a closed class of English ("of" is weighed apart: "how many kinds of chips")
_PLACED = frozenset(["in", "at", "on", "from", "across", "within", "among", "near", "inside"])
# English relative pronouns: what follows one describes the noun before it ("what share of
# members who use AI …": members).
_RELATIVES = frozenset(["who", "whom", "whose", "which", "that"])


def _counted_noun(group: str) -> str:
    """The noun a "how many" group counts: its last word ("how many weekly active users"),
    or before "of" the word that heads the phrase ("how many years of milking records",
    "incidents of misuse"), unless that word is a kind ("how many kinds of chips": chips;
    WordNet) or an amount without a figure ("millions of users"). A rate after the noun is
    not what is counted ("how many questions a week", "how many visits per day": questions,
    visits), nor a relative clause or a place after it ("what share of members who use AI":
    members; "of schools in the region": schools)."""
    ws = group.split()
    rate = next(
        (i for i, w in enumerate(ws) if i and w.lower() in _RATE_WORDS | _RELATIVES | _PLACED),
        len(ws),
    )
    ws = ws[:rate]
    if "of" in ws[1:]:
        head = ws[ws.index("of") - 1]
        from .wordnet import wordnet  # loaded on the first "how many X of Y"

        base = lemma(head.lower())
        if base in QUANTITY_WORDS or wordnet().mostly_a_kind(base):
            return ws[-1]  # "millions of users", "kinds of chips"
        return head  # "years of milking records", "incidents of misuse"
    return ws[-1]


# "What did Zuckerberg say about …?", "What does Satya Nadella think of …?": what a named
# person (capitalised words) says or thinks; an answer must report it, not only name them.
_SPEAKER = re.compile(
    r"^\W*[Ww]hat (?:do|does|did|would|will|has|have)\s+"
    r"(?P<who>(?:[A-Z][\w.'’-]*\s+){1,3}?(?:(?:and|&)\s+(?:[A-Z][\w.'’-]*\s+){1,3}?)?)"
    r"(?:say|said|think|thought|believe|argue|claim|predict|expect|want|recommend|suggest|"
    r"propose|feel|mean|write|wrote|conclude|tell|told|find|found|report|show)\b"
)


# "What is Anthropic's position on …?", "What was Zuckerberg's view of …?": what a named
# person or organisation holds is asked the same way, by a noun of holding a view.
_HELD = re.compile(
    r"^\W*[Ww]hat (?:is|was|are|were)\s+(?:the\s+)?"
    r"(?P<who>(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['’]s?\s+"
    r"(?:position|positions|view|views|stance|opinion|opinions|take|attitude|thoughts|"
    r"belief|beliefs)\b"
)


# "What is Mark Ridley worried about?", "Why is Carys Penrose unhappy with Brightly?": a named
# person's feeling about something, what they say of it (English adjectives of attitude before
# "about" or "of": a closed class); why they feel it is what they say of it too
_FEELS = re.compile(
    r"^\W*(?:[Ww]hat|[Ww]hy) (?:is|was|are|were)\s+(?P<who>(?:[A-Z][\w.'’-]*\s+){1,3}?)"
    r"(?P<feeling>worried|concerned|afraid|anxious|unhappy|happy|pleased|sceptical|skeptical|"
    r"optimistic|pessimistic|excited|angry)\s+(?:about|of|by|with)\b"
)


class Group(BaseModel):
    """One part of a comparison or an overview: a document, a side, or a person."""

    label: str
    sources: list[str] = Field(default_factory=list, description="Files, for a document.")
    side: Side | None = None
    names: list[str] = Field(
        default_factory=list, description="A person's name, lower-case: what they say."
    )


class Query(BaseModel):
    """What a question asks, before retrieval."""

    question: str
    kind: Kind
    scope: list[str] = Field(default_factory=list, description="Files the question names.")
    sides: list[Side] = Field(default_factory=list, description="Sides the question names.")
    side: Side | None = Field(None, description="The side whose case is asked for.")
    topic: str = Field("", description="What remains without intent words and names.")
    wider: str = Field("", description="The topic with the side's words a gerund governs.")
    focus: str = Field("", description="The question without the document names.")
    wants: Literal["number", "time", "name", "place"] | None = None
    counted: str | None = Field(None, description="What a 'how many X' question counts: X.")
    groups: list[Group] = Field(default_factory=list)
    closing: bool = Field(False, description="Whether it asks how a document ends.")
    harms: Side | None = Field(
        None, description="The side whose harms an overview asks about ('the risks of X')."
    )
    speaker: str | None = Field(None, description="Whose words a fact question asks for.")
    deed: str | None = Field(None, description="What a 'who did X' question asks the doer of.")
    names: list[str] = Field(
        default_factory=list, description="The names an answer must contain, lower-case."
    )

    @property
    def asks_span(self) -> bool:
        """Whether an amount asked for may be a span of time ("how long", "how far")."""
        return bool(_SPAN.search(bare(self.question)))

    @property
    def doer(self) -> str | None:
        """The doer a "which X <verb> …?" question asks to be identified: X ("provider")."""
        found = which_doer(self.question) if self.deed else None
        return found[0] if found else None

    @property
    def asks_length(self) -> bool:
        """Whether only a length of time answers ("how long"), not any amount: "How long did
        it take?" is not answered by "~4x", nor by "recently"."""
        return bool(_LENGTH.search(bare(self.question)))


def document_names(doc: DocumentInfo) -> tuple[list[str], list[str]]:
    """(names matched in any case, names matched only as written) of a document."""
    loose = [a for a in doc.aliases if a.strip()]
    for author in authors(doc.author):
        loose.append(author)
        parts = author.split()
        if len(parts) > 1 and not is_body(author):
            loose.append(parts[-1])  # "Luttig" for "John Luttig"; not "Traders" for a body
    exact = [n for n in (doc.label, doc.title) if n and n.strip()]
    return loose, exact


def _find(name: str, text: str, flags: int) -> list[tuple[int, int]]:
    parts = [re.escape(p) for p in name.split()]
    if len(parts) > 1 and parts[0].lower() == "the":
        parts[0] = "(?i:the)"  # "the Harbor Report" names "The Harbor Report" mid-sentence
    pattern = r"(?<![\w-])" + r"[\s\-]+".join(parts) + r"(?:['’]s)?(?![\w-])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags)]


_INITIALISM = re.compile(r"\b[A-Z]{3,6}(?=s?\b)")


def _abbreviated(question: str, title: str) -> list[tuple[int, int]]:
    """The spans of initialisms of three letters or more that spell consecutive words of a
    title ("the FAQ" of "… frequently asked questions"): English shortens a name to its
    initials."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", title)).lower()
    return [
        (m.start(), m.end())
        for m in _INITIALISM.finditer(question)
        if m.group().lower() in initials
    ]


def named_documents(
    question: str,
    docs: Sequence[DocumentInfo],
    motion: Motion | None = None,
    proper: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """File -> the spans of the question that name it, in order of first mention."""
    first: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    subjects = _title_subjects(question, docs, motion)
    # an alias two documents share (the school both come from), or one another document's
    # title says ("Fernhill" of a speaker's society and of "Fernhill School parents'
    # newsletter"), names neither
    shared = Counter(a.lower() for d in docs for a in set(d.aliases))
    for doc in docs:
        loose, exact = document_names(doc)
        titles = [d.title or "" for d in docs if d is not doc]
        loose = [
            n
            for n in loose
            if shared[n.lower()] < 2
            and not (n in doc.aliases and any(_find(n, t, re.I) for t in titles))
        ]
        exact = [*exact, *(proper or {}).get(doc.file, [])]
        found = [s for n in loose for s in _find(n, question, re.I)]
        found += [s for n in exact for s in _find(n, question, 0)]
        found += subjects.get(doc.file, [])
        found += _abbreviated(question, doc.title or "")
        if found:
            first[doc.file] = min(a for a, _ in found)
            spans[doc.file] = [_with_honorific(question, span) for span in found]
    return {file: spans[file] for file in sorted(first, key=first.__getitem__)}


# The documents a reader has just been given, named by what they are: "these documents",
# "the new texts", "this article" (a demonstrative or "the new/added/uploaded", and a noun for
# a written document)
_LATEST = re.compile(
    r"\b(?:(?:these|the new|the added|the uploaded)\s+(?:documents|texts|files|sources|"
    r"articles|essays|pieces|readings)|(?P<one>this)\s+(?:document|text|file|article|essay|"
    r"piece|reading))\b",
    re.I,
)


def latest_added(question: str, docs: Sequence[DocumentInfo]) -> dict[str, list[tuple[int, int]]]:
    """File -> spans, as `named_documents`, for the documents of the last batch added
    (`DocumentInfo.batch`) when the question points at them ("these documents", "this
    article" of a batch of one); nothing when no document was added or none is pointed at."""
    m = _LATEST.search(question)
    latest = max((d.batch for d in docs if d.batch), default=None)
    if not m or latest is None:
        return {}
    batch = [d.file for d in docs if d.batch == latest]
    if m["one"] and len(batch) != 1:
        return {}
    return {file: [m.span()] for file in batch}


def _spans(where: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    return [span for spans in where.values() for span in spans]


# A preposition a verb governs, right before a document's name: "concede to Raman", "say
# about the op-ed" (English prepositions of address and of topic; a closed class)
_GOVERNED = re.compile(r"\b(?:to|about|of|on|at|against|with)\s+(?:the\s+)?$", re.I)


_HYPOTHETICAL = re.compile(r"\b(?:would|might|could)\b", re.I)  # what one would say


def _addressed(question: str, where: dict[str, list[tuple[int, int]]]) -> str | None:
    """The second of two documents a question names, when it names it only after a
    preposition and compares nothing ("What does Lindqvist concede to Raman?"): what the
    first is asked about, not a second place to look. A question of what one would say to
    the other ("How would Luttig respond to the Exponential View essay?") asks for both
    views set side by side: the first never answered the second."""
    if len(where) != 2 or any(p.search(question) for p in (COMPARE, _BOTH_SIDES, _HYPOTHETICAL)):
        return None
    second, spans = list(where.items())[1]
    return second if all(_GOVERNED.search(question[:a]) for a, _ in spans) else None


# The noun of a document's form after the name that names it ("the Oakridge policy", "the
# Quill Tutor release notes"): part of the name, no topic. Forms of documents: nouns all.
_FORM_AFTER = re.compile(
    rf"\s+(?:release\s+)?(?:{FORM_NOUNS}|polic(?:y|ies)|notes|guides?|plans?|"
    r"histor(?:y|ies)|timelines?|pages?|applications?)\b",
    re.I,
)


# The capitalised words around a word that names a document: one proper name with it
# ("Linwood Primary" of a document known as "Linwood"), not a second name to be said.
_NAME_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*)+")
_NAME_BEFORE = re.compile(r"(?<=\S[ \t])(?:[A-Z][\w'’-]*[ \t]+)+$")


def _whole_name(question: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if before := _NAME_BEFORE.search(question, 0, start):  # never the question's first word
        start = before.start()
    if after := _NAME_AFTER.match(question, end):
        end = after.end()
    return start, end


def _with_form(question: str, span: tuple[int, int]) -> tuple[int, int]:
    m = _FORM_AFTER.match(question, span[1])
    return (span[0], m.end()) if m else span


# An honorific before a name ("Ms Rao", "Dr. Okafor"): part of the name that names a document
_HONORIFIC_BEFORE = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+$")


def _with_honorific(question: str, span: tuple[int, int]) -> tuple[int, int]:
    m = _HONORIFIC_BEFORE.search(question, 0, span[0])
    return (m.start(), span[1]) if m else span


# "the robotics club", "the cooperative's model": a definite phrase of lower-case words
_DEFINITE = re.compile(  # a lookahead: "the brief and the slides" holds two such phrases
    r"(?=\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?P<phrase>[a-z][\w-]*(?:['’]s?)?(?:\s+[a-z][\w-]*){0,2}))"
)


def _title_subjects(
    question: str, docs: Sequence[DocumentInfo], motion: Motion | None
) -> dict[str, list[tuple[int, int]]]:
    """The spans of definite phrases ("the bakery", "the robotics club") whose words are all
    words of one document's title, one of them a noun no other title has (one a dictionary
    knows as a noun: not "versus"), or whose head after a possessive is such a noun ("the
    translators' newsletter" of "Lingua Commons newsletter: …"): a title names its subject,
    and "the" points at it. The motion's own words name no document."""
    own: dict[str, set[str]] = {}
    stems: dict[str, set[str]] = {}
    for doc in docs:
        # the title, and the file's name when the document is labelled by it in every
        # citation (no byline, no label in the manifest): "translators-cooperative-
        # newsletter" is "the translators' newsletter"
        stem = Path(doc.file).stem.replace("_", " ").replace("-", " ")
        label = stem if doc.label == Path(doc.file).stem else ""
        named = f"{doc.title or ''} {label}"
        own[doc.file] = {lemma(w) for w in re.findall(r"[a-z][\w-]*", named.lower())}
        own[doc.file] -= nltk_stopwords()
        # the file's name also names it in a phrase that ends with its form, said there
        # ("the debate speech" of debate-club-opening-speech.md, labelled by its author)
        pieces = re.findall(r"[a-z][\w-]*", stem.lower())
        stems[doc.file] = {lemma(w) for w in pieces} - nltk_stopwords()
        # a file's name parts its words and a compound's alike: "op-ed-the-free-ride" says
        # "op-ed"
        stems[doc.file] |= {f"{a}-{b}" for a, b in itertools.pairwise(pieces)}
    counts: dict[str, int] = {}
    for ws in own.values():
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    forms = Counter(w for ws in stems.values() for w in ws if _FORM.fullmatch(w))
    motion_spans = (
        motion.side_spans(question) + motion.side_spans(question, subject=False) if motion else []
    )
    out: dict[str, list[tuple[int, int]]] = {}
    # a form written in capitals is that form ("the FAQ" of faq-campus-local-models.md)
    question = re.sub(
        r"\b[A-Z]{2,6}s?\b",
        lambda w: w.group().lower() if re.fullmatch(FORM_NOUNS, w.group().lower()) else w.group(),
        question,
    )
    for m in _DEFINITE.finditer(question):
        start = m.start("phrase")
        if any(a <= start < b for a, b in motion_spans):
            continue
        run = []  # the phrase's words, each with its span, up to the first not in a title
        for found in re.finditer(r"[a-z][\w-]*", m.group("phrase")):
            word = lemma(found.group())
            run.append((word, start + found.start(), start + found.end()))
        # after a possessive, the phrase's head: the word after it ("the translators'
        # newsletter on cost": newsletter)
        possessive = re.match(r"[a-z][\w-]*['’]s?(?=\s)", m.group("phrase"))
        head = 1 if possessive and len(run) > 1 else -1
        # "the news article" of coastal-…-news.txt: the words before a form noun are words
        # of one file's name and of no other's name or title
        form = next((i for i, (w, _, _) in enumerate(run) if i and _FORM.fullmatch(w)), 0)
        modifiers = {w for w, _, _ in run[:form]}
        for file, ws in own.items():
            if (
                modifiers
                and modifiers <= stems[file] - own[file]
                and not any(modifiers & (stems[f] | own[f]) for f in stems if f != file)
            ):
                out.setdefault(file, []).append((run[0][1], run[form][2]))
                continue
            in_stem = [w for w, _, _ in _run_in(run, stems[file])]
            if in_stem and _FORM.fullmatch(in_stem[-1]) and forms[in_stem[-1]] == 1:
                ws = ws | stems[file]  # "the debate speech": the only file named a speech
            kept = _run_in(run, ws)
            if not kept and head >= 0 and run[head][0] in ws:
                kept = run[: head + 1]  # the title says what it is, not whose
                distinctive = [run[head]] if counts[run[head][0]] == 1 else []
            else:
                distinctive = [item for item in kept if counts.get(item[0], forms[item[0]]) == 1]
            # a noun as the question writes it: "closed" is no noun, though its lemma "close"
            # is one ("the closed service" names no title that says "closed source")
            if kept and any(_noun(question[a:b].lower()) for _, a, b in distinctive):
                if _of_another(question, kept[-1][2], ws):
                    continue  # "the costs of running a model" of "what the helper costs"
                out.setdefault(file, []).append((kept[0][1], kept[-1][2]))
    return out


_OF = re.compile(r"\s+of\s+(?:(?:the|an?)\s+)?(?P<word>[a-z][\w-]*)", re.I)


def _of_another(question: str, end: int, title: set[str]) -> bool:
    """Whether the phrase ending at `end` is a noun of something its title does not say: an
    "of" follows, and the next word is not the title's ("the costs of running an open
    model"; "the history of Riverton" still names "A history of Riverton")."""
    m = _OF.match(question, end)
    return m is not None and lemma(m["word"].lower()) not in title


def _run_in(run: list[tuple[str, int, int]], ws: set[str]) -> list[tuple[str, int, int]]:
    """The words of a phrase up to the first that `ws` lacks."""
    out = []
    for item in run:
        if item[0] not in ws:
            break
        out.append(item)
    return out


def _noun(word: str) -> bool:
    """A word a dictionary knows as a noun: lemminflect, or WordNet for a word lemminflect
    does not know ("newsroom"); not "versus", which neither knows, nor "open", which
    lemminflect knows as no noun. A form a document takes is a noun ("podcast", which
    neither knows: `FORM_NOUNS`)."""
    from .wordnet import wordnet  # loaded on the first question with a definite phrase

    pos = parts_of_speech(word)
    if not pos and re.fullmatch(FORM_NOUNS, word):
        return True
    return "NOUN" in pos or (not pos and wordnet().noun(word))


def topic_of(text: str, structural: bool = False) -> str:
    """The words of `text` that are neither intent words nor stopwords (NLTK's whole list:
    the checker keeps "against" and "more" as meaning, a topic never is one), in order. In a
    view, overview or comparison, a stance marker asks how a side is held ("the reasons to
    prefer closed models"), not what about."""
    stop = nltk_stopwords() | (STANCE_MARKERS if structural else frozenset())
    kept = [
        t
        for t in tokens(text)  # as written: "one model", not "1 model"
        if (w := " ".join(words(t))) not in INTENT
        and w not in stop
        and content_terms(w)
        # a number word in a view or comparison counts what it is about ("whether one
        # model will dominate"): the topic is what it counts
        and not (structural and t in NUMBER_WORDS)
    ]
    return " ".join(kept)


# A request put around a question ("I'd like to know who ...", "Can you tell me how ..."):
# the question is what follows it.
_REQUEST = re.compile(
    r"^\W*(?:(?:please|so|ok(?:ay)?|hi|hey)\W+)*(?:(?:i'?d like|i would like|i want|i need)"
    r" to (?:know|understand|find out|learn)|i(?:'m| am) (?:wondering|curious)|i wonder|"
    r"(?:can|could|would|will) you (?:please )?(?:tell me|explain|say)|tell me|"
    r"do you know|explain(?: to me)?)\b\W*",
    re.I,
)


# "According to Quist, how much …?": whose word is asked for, before what is asked
_ACCORDING = re.compile(r"^\W*according to [^,?]{1,60},\s*", re.I)


def bare(question: str) -> str:
    """The question without a request around it or an attribution before it ("According
    to Quist, how much …" -> "how much …"): the words that say what kind of answer it wants."""
    inner = asked(question)
    return _ACCORDING.sub("", inner, count=1) or inner


def asked(question: str) -> str:
    """The question without a request put around it ("Tell me how much X cost" -> "how
    much X cost")."""
    inner = _REQUEST.sub("", question, count=1)
    return inner if inner.strip() else question


def understand(
    question: str,
    docs: Sequence[DocumentInfo],
    motion: Motion,
    proper: Mapping[str, Sequence[str]] | None = None,
    known: Set[str] = frozenset(),
) -> Query:
    """The Query a question asks (see the module docstring); `proper` holds, per file, more
    names of a document, matched only as written (`Sources.proper_names`), and `known` the
    surnames and given names of the people the documents name (`Sources.surnames`,
    `Sources.given_names`)."""
    original, question = question, asked(question)
    where = named_documents(question, docs, motion, proper)
    if proper and not set(words(cut(question, _spans(where)))) - nltk_stopwords() - INTENT:
        # "What is Fjordline AI?": a name in a headline ("Fjordline AI releases …") is what
        # is asked about when nothing else is, not where to look
        where = named_documents(question, docs, motion)
    # "What do these documents say about …?": the documents just added, as if each were named
    where = where or latest_added(question, docs)
    if addressee := _addressed(question, where):
        # its name stays in the question: the topic ("Raman", as the reply names her)
        del where[addressee]
    scope, name_spans = list(where), _spans(where)
    name_spans = [_with_form(question, _whole_name(question, span)) for span in name_spans]
    focus = motion.unfold(cut(question, name_spans))
    sides = motion.sides_named(focus)
    wants: Literal["number", "time", "name", "place"] | None = None
    what = bare(question)  # the answer's kind, asked after any "According to X,"
    if _WANTS_NUMBER.search(what):
        wants = "number"
    elif _WANTS_TIME.search(what):
        wants = "time"
    elif _WANTS_NAME.search(what):
        wants = "name"
    elif _ends_placed(what):
        wants = "place"
    counted = _COUNTED.search(focus)
    noun = _counted_noun(counted.group("noun")) if counted else _plural_counted(focus)
    kind = _kind(question, focus, scope, sides, wants)
    # the people compared, an author among them ("How do Hartley and Natarajan differ …?",
    # Natarajan writing the message that quotes Hartley)
    compared = len(scope) < 2 and COMPARE.search(focus)
    people = _people(question, motion, known) if compared else []
    if len(people) >= 2 and len(sides) < 2:  # "How do Okafor and Pell differ on …?"
        kind = "comparison"
    else:
        people = []
    side: Side | None = None
    if kind == "overview" and len(sides) == 1 and not _SHOULD.search(focus):
        side = motion.opposite(sides[0]) if _AGAINST.search(focus) else sides[0]
    structural = kind in ("view", "overview", "comparison")
    closing = structural and bool(_CLOSING.search(focus))
    # the people compared are no topic
    about = cut(focus, [span for span, _ in _people(focus, motion, known)]) if people else focus
    # "how long", "how quickly": the measure asked for, not what it is asked about
    topic_text = _MEASURE.sub(" ", about)
    wider = ""
    if structural:  # what is asked about, without how it is asked or the sides' names
        # in a comparison of documents the groups are the documents: a side it names is
        # what they are compared on ("Contrast Luttig and the unbundling essay on the history
        # of open source"), not a group
        of_documents = kind == "comparison" and len(scope) >= 2
        # so in a view of documents that lean no side ("What arguments did the panel hear
        # for closed models?"): no lean can pick the side's sentences, so its words must
        unled = kind == "view" and len(sides) == 1
        unled = unled and all(d.lean not in motion.sides for d in docs if d.file in scope)
        spans = (
            motion.subject_spans(about)
            if of_documents or (scope and unled)
            else motion.side_spans(about)
        )
        # "advise the department to do": whom a directive addresses is not what about
        spans += [m.span("whom") for m in _ADDRESSED.finditer(about)]
        topic_text = _structural_topic(cut(about, sorted(spans)), side)
        objects = verb_objects(about, spans)
        if objects:  # "calling AI models open source": tried when no named document says "calling"
            kept = [s for s in spans if s not in objects]
            wider = topic_of(_structural_topic(cut(about, kept), side), structural)
    groups = _groups(scope, docs, motion) if kind == "comparison" else []
    if people:  # each person's words, within the documents named
        groups = [Group(label=name, sources=scope, names=words(name)) for _, name in people]
    topic = topic_of(topic_text, structural)
    if kind == "view" and _CHOICE.search(question):
        topic = ""  # "Which app does the reviewer recommend?": their verdict, not what an app is
    if kind == "view" and not topic:  # "What does Achterberg recommend?": the advice itself
        topic = " ".join(w for w in dict.fromkeys(map(lemma, words(focus))) if w in DIRECTIVES)
    harms = sides[0] if side and side != sides[0] and _HARM.search(topic) else None
    said = (_SPEAKER.search(focus) or _HELD.search(focus)) if kind == "fact" else None
    if kind == "fact" and not said and (feels := _FEELS.search(focus)):
        # "What is Mark Ridley worried about?": what he says, not the word "worried"
        said = feels
        topic = topic_of(cut(topic_text, [feels.span("feeling")]))
    return Query(
        question=original,
        kind=kind,
        scope=scope,
        sides=sides,
        side=side,
        topic=topic,
        wider=wider if wider != topic else "",
        focus=focus,
        wants=wants,
        # "How much cheaper …", "How many more …", "How much better …" (a noun too, to
        # lemminflect): a comparison, not a noun counted
        counted=(
            noun
            if noun
            and maybe_noun(noun.lower())
            and noun.lower() != "more"
            and not comparative(noun.lower())
            else None
        ),
        groups=groups,
        closing=closing,
        harms=harms,
        # the last word of the (last) name: "Osei-Bonsu" -> "bonsu", as names are split
        speaker=words(said.group("who"))[-1] if said else None,
        deed=_deed(question) or (_which_deed(question) if kind == "fact" else None),
        # the people a comparison sets apart are its groups, not names every unit must say
        names=[] if people else sorted(required_names(cut(focus, motion.side_spans(focus)))),
    )


# A directive verb, whom it addresses and what it asks them to do ("advise the languages
# department to do", "urge ministries to fund"): English puts the addressee between the verb
# and "to"
_ADDRESSED = re.compile(
    r"\b(?:advis\w*|urg\w*|tell\w*|told|ask\w*|encourag\w*)\s+"
    r"(?P<whom>(?:[\w'’-]+\s+){1,4}?)to\s+\w+",
    re.I,
)
_AFTER_PREPOSITION = re.compile(r"\b(?:about|on|regarding|concerning)\s+$", re.I)


def _unless_asked_about(m: re.Match[str]) -> str:
    """A view's word, dropped unless a preposition makes it what is asked about ("What is
    Ortiz's argument about support?": "support")."""
    return m.group() if _AFTER_PREPOSITION.search(m.string, 0, m.start()) else " "


# "What did Bauer's book say about copyright?": who or what says it, then what about
_SAYS_ABOUT = re.compile(
    r"^\W*what\s+(?:do|does|did|will|would)\s+(?P<who>[^?]+?)\s+"
    r"(?:say|says|said|write|writes|wrote|argue|argues|argued)\s+(?:about|of|on)\s",
    re.I,
)


def _structural_topic(text: str, side: Side | None) -> str:
    """What a view, overview or comparison asks about: `text` without a verb asking for a
    case, the forms that ask for a view, an overview or a comparison, and, when a side's case
    is asked, the words that asked for it ("the drawbacks of", "the benefits of"); nor a
    text that says it ("What did Bauer's book say about …?": a noun whose first sense is a
    thing written or said, WordNet)."""
    from .wordnet import wordnet  # loaded on the first question that says "say about"

    said = _SAYS_ABOUT.match(text)
    if said and wordnet().mostly_a_text(lemma(words(said["who"])[-1])):
        text = text[: said.start("who")] + text[said.end("who") :]
    verb = _CASE_VERB.search(text)
    if (
        verb
        and "VERB" in parts_of_speech(verb["verb"].lower())
        and not _ENDS_WITH_PREPOSITION.search(verb["rest"])
    ):
        text = text[: verb.start("verb")] + text[verb.end("verb") :]
    for form in (_CLOSING, _MAKES_CASE, COMPARE, _VIEW, _OVERVIEW_FORM, _FORM):
        text = form.sub(" ", text) if form is not _VIEW else _VIEW.sub(_unless_asked_about, text)
    return _EVALUATIVE.sub(" ", text) if side else text


def verb_objects(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (a side's words) that are the object of a gerund, with those that follow
    them: "calling AI models open source", "banning open models" ask about the calling and
    the banning of them, where "about open source" asks where a side stands."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        before = text[:start].rstrip()
        verb = re.search(r"[A-Za-z]+ing$", before)
        gerund = verb is not None and "VERB" in parts_of_speech(verb.group().lower())
        if gerund or (out and not text[out[-1][1] : start].strip()):
            out.append((start, end))
    return out


def _kind(
    question: str,
    focus: str,
    scope: list[str],
    sides: list[Side],
    wants: str | None,
) -> Kind:
    # "How do the two sides see X?": the views of both sides, side by side
    comparing = bool(COMPARE.search(focus)) or bool(
        _BOTH_SIDES.search(focus) and _VIEW.search(focus)
    )
    if len(scope) >= 2 or (
        not scope
        and (
            (comparing and (len(sides) >= 2 or _PLURAL_SOURCES.search(focus)))
            or _WHICH_SIDE.search(focus)
        )
    ):
        return "comparison"
    defined = _DEFINE.search(question)
    definition = defined and not _ENDS_WITH_PREPOSITION.search(question)
    # "What is the most common worry?" asks which one is, not what a worry is
    term = (defined["term"] or "").split() if defined else []
    definition = definition and not (term and superlative(term[0].lower()))
    if scope:
        if _CHOICE.search(question):
            return "view"
        if wants or _FACT_SHAPE.search(question):
            return "fact"
        if definition and not _VIEW.search(focus) and not _OVERVIEW.search(focus):
            return "definition"
        # a case asked of one document is its view ("According to Luttig, why will X win?")
        viewed = (
            _VIEW.search(focus)
            or COMPARE.search(focus)  # two positions within one document: its view of them
            or _about_itself(focus)
            or _CLOSING.search(focus)
            or _OVERVIEW.search(focus)
            or _WHERE_STANDS.search(question)
            or _HOLDS_POSITION.search(question)
            or _DOES_SAY.search(question)
            or _ANSWERS_POINT.search(question)
        )
        return "view" if viewed else "fact"
    if wants or _FACT_SHAPE.search(question):
        return "fact"
    if _OVERVIEW.search(focus) or (_SHOULD.search(focus) and sides):
        return "overview"
    if definition:
        return "definition"
    return "fact"


# A person's name in a question: a run of capitalised words that does not open it.
_PERSON = re.compile(r"(?<=\s)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
# An alternative named by a capitalised noun and a letter or number ("Option A", "Plan B",
# "Model 3"): English labels the choices it weighs so, and a comparison may set them apart.
LABEL = re.compile(r"[A-Z][a-z]+\s+(?:[A-Z]|\d{1,2})")


def _people(
    focus: str, motion: Motion, known: Set[str] = frozenset()
) -> list[tuple[tuple[int, int], str]]:
    """The people (or firms) a comparison names, with their spans: runs of capitalised
    words inside the question that are no side's term or actor and hold a word no
    dictionary knows ("Okafor", "Graham Pell"), or are a name the documents give a person
    (`known`: "Hart" of "Lena Hart", "Grace" of "Grace Olawale"), a possessive cut
    ("Pell's"); handles ("tomasz_p"); and labelled alternatives ("Option A", `LABEL`)."""
    sides = motion.side_spans(focus, subject=False) + motion.side_spans(focus)
    out = []
    for m in _PERSON.finditer(focus):
        if any(a < m.end() and m.start() < b for a, b in sides):
            continue
        name = re.sub(r"['’]s?$", "", m.group())
        if a_name(name) or name.split()[-1].lower() in known or LABEL.fullmatch(name):
            out.append(((m.start(), m.end()), name))
    out += [((m.start(), m.end()), m.group(1)) for m in HANDLE.finditer(focus)]  # "tomasz_p"
    return sorted(out)


def _groups(scope: list[str], docs: Sequence[DocumentInfo], motion: Motion) -> list[Group]:
    """A comparison's groups: the documents it names, else the motion's two sides."""
    if len(scope) >= 2:
        labels = {d.file: d.label for d in docs}
        return [Group(label=labels[f], sources=[f]) for f in scope]
    return [Group(label=motion.name(s), side=s) for s in motion.sides]
