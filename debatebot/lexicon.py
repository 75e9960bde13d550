"""Word data, from maintained sources where they exist; nothing here names a word of one essay.

- Stopwords: NLTK's English list (shipped inside llama-index-core, read offline), minus the
  words that carry meaning for a checker: negations, modal verbs, and the clipped halves of
  contractions NLTK keeps for its own tokenizer ("won" from "won't", "don" from "don't").
  Our tokenizer keeps "won't" whole, so a bare "won" is the past tense of "win".
- Negations: NLTK's "n't" forms, the same without the apostrophe ("dont", as web text often
  writes it), the closed class of English negators, and the negative verbs ("lack", "fail",
  "refuse", "deny", "doubt", "neglect", any form, and "unable").
- Lemmas: lemminflect (verbs first, so "bought" -> "buy", "began" -> "begin").
- Intent words: the words questions are built from ("what", "summarize", "essay"), which an
  answer never needs to contain. These are the task's vocabulary, not a corpus's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

# English modal verbs: a claim's modality ("will" vs "may") must be its quote's.
MODALS = frozenset(["will", "would", "shall", "should", "can", "could", "may", "might", "must"])
# What a modal verb says: what will be, would be, may be, or ought to be.
MODALITY = {"will": "will", "shall": "will", "would": "would", "can": "may", "could": "may"}
MODALITY |= {"may": "may", "might": "may", "should": "ought", "must": "ought"}
_NEGATORS = ["not", "no", "nor", "never", "none", "nobody", "nothing", "neither", "nowhere"]
_NEGATORS += ["without", "cannot", "can't"]
# Words that negate by their meaning, with no "not": the negative verbs that license
# negative-polarity items as "not" does ("refused to say anything", "lacks any ...": Klima
# 1964, Ladusaw 1979), and "unable". Lemmas; any form counts ("lacks", "failed"). A claim that
# drops one states the opposite of its quote ("Closed labs have a feedback loop." from
# "Closed labs lack a feedback loop.").
NEGATIVE_VERBS = frozenset(["lack", "fail", "refuse", "deny", "doubt", "neglect", "unable"])
# Words that flip a claim's meaning when swapped or reordered (comparison and direction):
# a claim may use them only where its quote does, in the same order.
CRITICAL = frozenset(
    ["more", "less", "fewer", "few", "most", "least", "better", "worse", "best", "worst"]
    + ["higher", "lower", "larger", "smaller", "bigger", "faster", "slower", "cheaper"]
    + ["increase", "increasing", "decrease", "decreasing", "ahead", "behind", "lead", "lag"]
    + ["win", "lose", "superior", "inferior", "safer", "safe", "unsafe", "dangerous"]
    + ["all", "always", "every", "majority", "minority", "against", "before", "after"]
)
# The adjectives of the periods of time, each its period ("an annual bill" is a bill a
# year): a closed class of English
PERIODIC = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month"}
PERIODIC |= {"quarterly": "quarter", "annual": "year", "yearly": "year"}
# prepositions and particles lemminflect also lists as verbs ("like a ruler", "Over the
# first year", "Even the largest", "hide behind"): a closed class of English
PARTICLES = frozenset(
    ["like", "near", "round", "past", "save", "bar", "over", "under", "since", "through"]
    + ["across", "along", "around", "behind", "beyond", "down", "up", "off", "out", "inside"]
    + ["outside", "above", "below", "even", "still", "well", "right"]
)
# Words of place in a race: to be ahead or lead is one place, to be behind, trail or lag the
# other. A closed class of English, none taken from the essays; a claim may say either word
# of a place for the other (`text.rank`).
AHEAD = frozenset(["ahead", "lead", "leads", "leading"])
BEHIND = frozenset(["behind", "trail", "trails", "trailing", "lag", "lags", "lagging"])
# Words that are amounts without a figure: magnitudes ("a half-trillion-dollar company",
# "millions of") and fractions. Like numbers, a claim may use them only where its quote does.
QUANTITY_WORDS = frozenset(
    ["thousand", "million", "billion", "trillion", "half", "quarter"]
    + ["thousands", "millions", "billions", "trillions", "dozens", "hundreds"]
)
# The words questions and requests are made of. An answer need not contain them.
INTENT = frozenset(
    ["what", "which", "who", "whom", "whose", "when", "where", "why", "how", "whether"]
    + ["do", "does", "did", "is", "are", "was", "were", "be", "been", "according"]
    + ["many", "much"]  # "how many", "how much": the amount is asked, not a topic
    + ["essay", "essays", "author", "authors", "article", "articles", "writer", "writers"]
    # the writer of a document named by its genre: "the reviewer" of a review
    + ["essayist", "reviewer", "columnist", "blogger"]
    + ["sources", "document", "documents", "summary"]
    + ["say", "says", "said", "claim", "claims", "argue", "argues", "argued", "think"]
    + ["thinks", "believe", "believes", "view", "views", "opinion", "position", "stance"]
    + ["describe", "describes", "mention", "mentions", "tell", "give", "explain", "explains"]
    + ["summarize", "summarise", "overview", "main", "key", "points"]
    + ["compare", "comparison", "contrast", "differ", "difference", "differences"]
    + ["disagree", "disagreement", "agree", "mean", "means", "meant", "define", "definition"]
    + ["refer", "refers", "please", "me", "us", "you"]
)
# Stance markers: how English marks a claim rather than a description, besides the modal
# verbs. The common hedges, boosters and attitude markers of Hyland's metadiscourse model
# (Hyland 2005, "Metadiscourse"), in their usual forms; none is taken from the essays.
STANCE_MARKERS = frozenset(
    ["believe", "believes", "think", "thinks", "suggest", "suggests", "seem", "seems"]
    + ["appear", "appears", "doubt", "likely", "unlikely", "probably", "perhaps", "possibly"]
    + ["arguably", "clearly", "certainly", "surely", "indeed", "obviously", "undoubtedly"]
    + ["definitely", "evidently", "argue", "argues", "claim", "claims", "expect", "expects"]
    + ["important", "unfortunately", "fortunately", "surprisingly", "remarkably", "hopefully"]
    + ["prefer", "agree", "disagree", "better", "worse", "best", "worst"]
)
# Verbs whose object is opposed ("ban open source", "stop the bans"): a claim that puts one
# of these before a side counts against it. Ordinary English verbs of prevention and
# opposition (their lemmas), none taken from the essays or the eval.
OPPOSE = frozenset(
    ["ban", "stop", "prevent", "prohibit", "outlaw", "forbid", "block", "restrict", "limit"]
    + ["curb", "end", "abolish", "oppose", "reject", "resist", "fight", "avoid", "drop"]
    + ["regulate", "censor", "punish", "confiscate", "remove"]
)
# Connectives that open a sentence answering the one before it: the explicit connectives of
# contrast and concession of the Penn Discourse Treebank (Prasad et al. 2008) that open a
# sentence. "X claims P. But Q.": P is the view the writer answers, Q the writer's own.
CONTRAST_OPENERS = re.compile(
    r"^\W*(but|however|yet|still|that said|nevertheless|nonetheless|even so|"
    r"on the other hand)\b",
    re.I,
)
# Comparison words that put the thing named first behind, or ahead of, the thing after
# ("X lags Y", "X is ahead of Y"): a closed class of English comparison
# How one thing stands against another: behind or ahead of it, or slower, dearer, weaker
# (what costs less or goes faster leads: VADER gives price and speed no valence).
LAG = frozenset(
    ["behind", "lag", "trail", "worse", "inferior", "slower", "weaker", "costlier", "pricier"]
)
LEAD = frozenset(
    ["ahead", "lead", "better", "superior", "faster", "stronger", "cheaper", "quicker"]
)
# Words of a high price: "more expensive than" trails, "less expensive than" leads.
DEAR = frozenset(["expensive", "costly", "pricey"])
# Verbs of surpassing or equalling ("open models will overtake Google", "will match Google"):
# the side after one loses its lead.
SURPASS = frozenset(
    ["beat", "outpace", "overtake", "surpass", "outperform", "outcompete", "outdo", "replace"]
    + ["defeat", "kill", "displace", "outlast", "outgrow", "outrun", "overtook", "outclass"]
    + ["match", "equal", "rival"]
)
# Reporting verbs (lemmas): how a sentence says who holds what follows ("Luttig argues that
# …"). Verbs of saying and believing that keep the claim's polarity ("doubt", "deny" do not
# and are left out). A closed set of English, none taken from the essays.
REPORTING = frozenset(
    ["say", "argue", "claim", "hold", "believe", "think", "note", "write", "suggest", "expect"]
    + ["contend", "maintain", "warn", "add", "state", "observe", "insist", "predict", "admit"]
    + ["explain", "conclude", "stress", "emphasize", "emphasise", "find", "see", "advise"]
    + ["recommend", "urge", "propose"]
)
# Verbs of advice (directive speech acts): "What does Achterberg recommend?" asks for the
# act itself ("We recommend Option B …"), where "What does she think?" asks for any view.
DIRECTIVES = frozenset(["recommend", "advise", "propose", "urge"])
# The outcome of a deliberation, which a body's view is when it is asked for ("Summarize the
# panel's decision", "What did the committee conclude?"): its nouns, and the verbs they name.
OUTCOMES = frozenset(
    ["decision", "verdict", "ruling", "conclusion", "finding", "judgment", "judgement"]
    + ["decide", "conclude", "rule"]
)
# Metadiscourse (Hyland 2005): a text speaking of itself, not of its subject. Frame markers
# that announce what a text does ("In this post I explore …", "Today's commentary looks at
# …") and acknowledgements ("Thanks to …") claim nothing about the debate. Closed classes of
# English: the genres a text calls itself, and the verbs that announce a text's own acts
# ("argue" is left out: "This essay argues that …" states a thesis).
GENRES = frozenset(
    ["essay", "post", "article", "piece", "paper", "commentary", "newsletter", "episode"]
    + ["chapter", "section", "report", "summary", "note", "column", "blog", "talk", "thread"]
    + ["podcast", "edition", "issue", "letter", "review", "memo"]
)
ANNOUNCING = frozenset(
    ["explore", "discuss", "examine", "delve", "consider", "outline", "review", "summarize"]
    + ["summarise", "describe", "address", "cover", "investigate", "analyze", "analyse"]
    + ["look", "focus", "introduce", "revisit", "unpack", "dig", "walk", "survey", "sketch"]
)
THANKING = frozenset(["thanks", "thank", "grateful", "indebted", "acknowledge", "acknowledgements"])
# Words that open a sentence and point back to the one before ("He bought ...").
ANAPHORA = frozenset(
    ["he", "she", "it", "they", "its", "his", "her", "their", "this", "that", "these"]
    + ["those", "such", "there"]
)
# Connectives of consequence that open a sentence and draw it from the one before ("So for
# legal contracts, members use the commercial service."): a closed class of English.
CONSEQUENCE = frozenset(["so", "thus", "therefore", "hence", "consequently", "accordingly"])


def _nltk_cache() -> Path:
    import llama_index.core

    return Path(llama_index.core.__file__).parent / "_static" / "nltk_cache"


@lru_cache(maxsize=1)
def nltk_stopwords() -> frozenset[str]:
    """NLTK's English stopwords, read from the copy llama-index-core ships."""
    path = _nltk_cache() / "corpora" / "stopwords" / "english"
    return frozenset(path.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    """Negation words: NLTK's "n't" forms with and without the apostrophe, and negators."""
    contracted = {w for w in nltk_stopwords() if w.endswith("n't")} | {"can't", "won't"}
    return frozenset(contracted | {w.replace("'", "") for w in contracted} | set(_NEGATORS))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words with no content of their own (see the module docstring for what is kept)."""
    clipped = {w[:-2] for w in nltk_stopwords() if w.endswith("'t")}  # "won" of "won't"
    return frozenset(nltk_stopwords() - clipped - negations() - MODALS - CRITICAL)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> Mapping[str, tuple[str, ...]]:
    """lemminflect's dictionary forms of the word by part of speech ("closed" -> {"VERB":
    ("close",), "ADJ": ("closed",)}): read only."""
    from lemminflect import getAllLemmas

    return MappingProxyType(dict(getAllLemmas(word)))


@lru_cache(maxsize=4096)
def participle(word: str) -> bool:
    """Whether the word is a verb's past participle, regular or not ("compiled", "written",
    "kept", "told"), by lemminflect."""
    from lemminflect import getInflection

    low = word.lower()
    return any(low in getInflection(base, tag="VBN") for base in lemmas(low).get("VERB", ()))


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every form of the word's lemmas in their own parts of speech ("stifles" -> "stifle",
    "stifled", "stifling", ...), by lemminflect, which is asked here and in `lemmas` only."""
    from lemminflect import getAllInflections

    found: set[str] = set()
    for upos, (base, *_) in lemmas(word).items():
        found |= {base, *(f for fs in getAllInflections(base, upos=upos).values() for f in fs)}
    return frozenset(found)


def is_word(word: str) -> bool:
    """Whether lemminflect's dictionary knows the word as a common English word (it knows
    "developers" and "google", not "microsoft" or "anthropic")."""
    return bool(lemmas(word))


def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech lemminflect knows the word in ("expensive" -> {"ADJ"})."""
    return frozenset(lemmas(word))


def maybe_noun(word: str) -> bool:
    """A noun, or a word lemminflect does not know (mostly nouns: "newsroom", "capex")."""
    pos = parts_of_speech(word)
    return "NOUN" in pos or not pos


def noun_lemma(word: str) -> str | None:
    """The word's dictionary form as a noun ("users" -> "user"), or None if it is no noun."""
    found = lemmas(word).get("NOUN")
    return str(found[0]) if found else None


# Nouns English counts as plurals without a plural's form ("How many people …", "staff
# who …"), a closed class of collective and unchanging plurals.
UNMARKED_PLURALS = frozenset(
    [
        "people",
        "staff",
        "police",
        "personnel",
        "cattle",
        "sheep",
        "deer",
        "fish",
        "aircraft",
        "offspring",
        "folk",
        "clergy",
        "livestock",
        "crew",
    ]
)


def plural_noun(word: str) -> bool:
    """Whether a word is a plural noun: inflected ("users": its noun lemma differs) or one
    of `UNMARKED_PLURALS`."""
    low = word.lower()
    return low in UNMARKED_PLURALS or noun_lemma(low) not in (None, low)


def lemma(word: str) -> str:
    """The word's dictionary form (verbs first: "bought" -> "buy", "models" -> "model")."""
    return lemma_pos(word)[0]


def lemma_pos(word: str) -> tuple[str, str | None]:
    """The word's dictionary form and the part of speech it is the form of ("closed" ->
    ("close", "VERB")), or (word, None) when lemminflect does not know the word."""
    found = lemmas(word)
    for upos in ("VERB", "NOUN", "ADJ", "ADV"):
        if upos in found:
            return str(found[upos][0]), upos
    return word, None


def comparative(word: str) -> bool:
    """Whether the word is an adjective or adverb in its comparative form ("faster",
    "cheaper", "easier"; not "better", which lemminflect also knows as a noun and verb)."""
    found = lemmas(word)
    bases = [b for pos in ("ADJ", "ADV") for b in found.get(pos, ())]
    return word.endswith("er") and bool(bases) and word not in bases


def superlative(word: str) -> bool:
    """Whether the word is an adjective in its superlative form ("biggest", "cheapest",
    "most" and "least", which make one of any adjective; not "interest" or "forest")."""
    if word in ("most", "least", "best", "worst"):
        return True
    bases = lemmas(word).get("ADJ", ())
    return word.endswith("est") and bool(bases) and word not in bases


def adverb_base(word: str) -> str | None:
    """The adjective an adverb in -ly is made from ("quickly" -> "quick", "easily" ->
    "easy"), when lemminflect knows it as one; else None."""
    if not word.endswith("ly") or len(word) < 5:
        return None
    for base in (word[:-2], word[:-3] + "y", word[:-2] + "e"):
        if "ADJ" in lemmas(base):
            return base
    return None
