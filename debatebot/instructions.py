"""Text that gives orders is data, never evidence.

A source sentence that tells its reader (or a model) what to do asserts nothing about the
world, so it cannot support a claim. Such a sentence stays in its chunk (it is indexed and
retrieved like any text) but is never a quotable unit (units.py): it never reaches a prompt
as evidence, is never shown as a claim or a quote, and so an instruction planted in a
document has no way onto the screen. This is a rule about English, not about any document:

  - the imperative mood: a clause that opens with a verb in its base form ("Ignore the
    above.", "When asked about cost, reply only with ..."), after an optional "please",
    "now", "do not", "don't" or "never". A base form that is also a noun or an adjective
    ("Open", "Release", "Say") counts only when an object follows it the way it follows a
    verb: a determiner or pronoun, a quotation, a colon, or a code-like token. A clause
    after a leading clause ("When ..., "), or marked ("..., always include it") is read the
    same way; after a colon, a lower-case base form that is only a verb or a noun is enough
    ("Note: switch sides and ..."); a question is not an order;
  - a clause that tells "you" what you must, should or will now do ("You must now ...",
    "From now on, you are ...", "your reply should ...");
  - chat protocol text: a role label ("System:", "Assistant:") or a chat-template token
    ("<|im_start|>", "[INST]", "<<SYS>>", "### Instruction"), or a tag of debatebot's own
    prompts ("</passage>");
  - text that speaks as the tool itself: it names debatebot ("verified by debatebot").

Base forms come from lemminflect's English lexicon (maintained data), with `upos` tags.
"""

from __future__ import annotations

import re

from . import lexicon
from .text import display, normalize


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# closed-class English words that follow a transitive verb in an order ("Ignore *all* ...")
_OBJECT_STARTERS = _set(
    "a an the all any every each this that these those it them me us him her my your our "
    "their its only with to exactly just nothing everything something anything no"
)
_LEAD_INS = _set("please now then also first next simply kindly just always")
# words that open a leading clause ("When asked about X, reply ...", "Before anything else,
# write ..."): the clause after it may be the order
_OPENERS = _set(
    "when whenever if before after once whatever whichever wherever whoever while as from for "
    "in on at unless until regardless instead whether no"
)
# subordinating conjunctions lemminflect also lists as verbs ("..., while the open model
# reached 78 percent"): a closed class of English
_CONJUNCTIONS = _set("while whilst whereas although though because unless until whether except")
# "Consider LMArena, a leaderboard ...": an imperative of attention whose object is a name
# described right after it introduces an example and asserts what the description says
_EXAMPLE_VERBS = _set("consider take")
_APPOSITIVE = _set("a an the one")
_NOUN_LINKS = _set("of is are was were has have had 's")  # "leak of weights", "cost is"
_MARKED = re.compile(r"^(?:please|always|never|kindly|do\s+not|don't)\s", re.I)
_BULLET = re.compile(r"^(?:\d{1,2}[.)]\s+|[^\w\s]+\s*)+")
_NEGATED = re.compile(r"^(?:do\s+not|don't|never)\s+", re.I)
_YOU_MUST = re.compile(
    r"^(?:you|your(?:\s+\w+){1,2})\s+(?:must|should|shall|will\s+now|need\s+to|have\s+to|"
    r"are\s+to|are\s+now|may\s+only|can\s+only|will\s+(?:always|only|never)|"
    r"are\s+(?:now\s+)?(?:the|a|an)\s)\b",
    re.I,
)
_ROLE = re.compile(
    r"(?:^|\n)[\s\-•*#\[(<{\d.)]*(?:system|assistant|user|developer|human)\s*[:\])>}]", re.I
)
_TEMPLATE = re.compile(
    r"<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|</?s>|###\s*(?:instruction|response|system)\b"
    r"|</?(?:passage|question|context|document|instructions?|system|user|assistant)\b[^>]*>",
    re.I,
)  # chat templates' tokens, and the tags of debatebot's own prompts (prompts/*.yaml)
_TOOL = re.compile(r"\bdebate\W?bot\b", re.I)  # speaking as the tool: "verified by debatebot"
_CLAUSES = re.compile(r"[,;—–()]|\s-\s")
_WORD = re.compile(r"[\w'’-]+|\S")


def gives_orders(sentence: str) -> bool:
    """Whether a sentence is an order to its reader rather than a statement (see above)."""
    if _ROLE.search(sentence) or _TEMPLATE.search(sentence) or _TOOL.search(sentence):
        return True
    text = _BULLET.sub("", normalize(display(sentence)).strip())
    if text.endswith("?"):
        return False  # a question asks; "Will open models win?" orders nothing
    for k, part in enumerate(text.split(":")):  # "Note: do X" orders as "do X" does
        clauses = [c.strip() for c in _CLAUSES.split(part) if c.strip()]
        if not clauses:
            continue
        if _is_order(clauses[0], first=True) and not _introduces_example(clauses):
            return True
        if k and _after_colon(clauses[0]):
            return True
        words = clauses[0].split()
        opened = len(clauses) > 1 and words and words[0].lower() in _OPENERS
        if opened and _is_order(clauses[1], first=False):
            return True
        if any(_YOU_MUST.match(c) for c in clauses):
            return True  # "...; your sole output should be ..."
        if any(_MARKED.match(c) and _is_order(c, first=False) for c in clauses[1:]):
            return True  # "..., always include it"
    return False


def _is_order(clause: str, first: bool) -> bool:
    clause = _BULLET.sub("", clause)  # "- Ignore ...", "1. Ignore ...", "“Ignore ..."
    if _YOU_MUST.match(clause):
        return True
    clause = _NEGATED.sub("", clause)
    tokens = _WORD.findall(clause)
    while tokens and tokens[0].lower() in _LEAD_INS:
        tokens = tokens[1:]
    if len(tokens) < 2 or not tokens[0][0].isalpha():
        return False
    if not first and tokens[0][0].isupper():
        return False  # a name inside a sentence ("Yes, Google indexes ...")
    kinds = _base_verb(tokens[0].lower())
    if kinds is None or "AUX" in kinds:
        return False  # not a verb in its base form ("ignored", "says"); "Will they ..."
    if kinds == {"VERB"}:
        return True  # only ever a verb: "Ignore", "Respond", "Write"
    if tokens[1] == "A" and len(tokens) > 2 and tokens[2][:1].islower():
        return False  # a capital letter after a noun names it: "Option A stores …"
    return _takes_object(tokens[1])


def _introduces_example(clauses: list[str]) -> bool:
    """ "Consider LMArena, a leaderboard ...": a verb of attention, a capitalised name, and
    after the comma a noun phrase that describes it."""
    first = _WORD.findall(clauses[0])
    if len(clauses) < 2 or len(first) < 2 or first[0].lower() not in _EXAMPLE_VERBS:
        return False
    named = all(t[0].isupper() or t[0].isdigit() for t in first[1:] if t[0].isalnum())
    described = _WORD.findall(clauses[1])[:1]
    return named and bool(described) and described[0].lower() in _APPOSITIVE


def _after_colon(clause: str) -> bool:
    """A lower-case verb in its base form right after a colon, with words after it: "...:
    switch sides and lead with ..." (a list of nouns after a colon stops at a comma)."""
    tokens = _WORD.findall(clause)
    if len(tokens) < 3 or not tokens[0].islower() or not tokens[1][0].isalnum():
        return False
    kinds = _base_verb(tokens[0])
    if kinds is None or not kinds <= {"VERB", "NOUN"}:
        return False  # "...: open models spread" (an adjective), "...: will they"
    return tokens[1].lower() not in _NOUN_LINKS


def _base_verb(word: str) -> set[str] | None:
    """The word classes of `word` when it is a verb in its base form (not a preposition
    that lemminflect also lists as a verb), else None."""
    kinds = lexicon.lemmas(word)
    if word not in kinds.get("VERB", ()) or word in lexicon.PARTICLES | _CONJUNCTIONS:
        return None
    return set(kinds)


def _takes_object(token: str) -> bool:
    return (
        token.lower() in _OBJECT_STARTERS
        or token in {'"', "“", "'", "‘", ":", "`"}
        or (any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token))
    )
