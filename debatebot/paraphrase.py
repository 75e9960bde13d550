"""The semantic half of the verifier: a claim in other words than its quote's, still checked.

`verify.check` runs hard alignment first (numbers, names, negation, modality, direction, an
embedded question); a claim that passes it and is not a near-copy of its quote comes here.
It is shown only if every test below passes (`problem` returns the first that fails):

1. **Every content word is licensed** by a word of the quote: the same lemma or stem; the
   same root ("customise" / "customizability": a shared prefix of 4+ letters, at most 2
   letters left over in the shorter word); WordNet says one may stand for the other
   (`wordnet.WordNet.same`; an adverb in -ly by its adjective: "quickly" / "fast"); or
   likeness: the MiniLM cosine of the two words alone reaches
   `WORD_SIMILARITY` ("typically" / "usually"). Likeness never licenses a number, a unit
   (`units`: "twenty hours" is not "twenty minutes", though WordNet links them), a measure
   (`WordNet.measure`: "months" / "years"), a modal or comparison word, an opposite in any
   sense, or one noun for another that WordNet knows and does not link: two kinds of thing
   ("doctors" / "nurses", 0.63) are two things, however alike their contexts. One
   unlicensed word is enough to refuse: on the dev pairs, allowing one let 14 more planted
   errors through for 5 more faithful pairs (`evals/README.md`). Not content here: the
   prepositions of place and membership (`RELATIONAL`: "among" / "in"), the "more" of a
   comparative ("more quickly") and a degree adverb before one ("much", "far"), and "rather
   than" — hard alignment weighs comparisons and negations (`verify.mismatch`).
2. **No antonym**: no content word of the claim is a WordNet antonym of a quote word the
   claim leaves out of the stretch of the quote it draws on ("late" for "premature";
   "powerful open models" for "powerful closed models, … open-source models"); and a word
   likeness licensed, put into one of its own opposites, leaves the claim less near the
   quote (`contrary`: MiniLM puts opposites close, "usually" / "rarely" 0.77).
3. **Roles keep their places** (who did what to whom). The claim's words are aligned to the
   quote's (longest common subsequence, then the rest by position). Two aligned words in
   reversed order with a third aligned word between them in both ("Unity is worse than
   Godot" from "Godot is worse than Unity") are a role swap. A fronted phrase — one that
   opens with a preposition or subordinator and ends at a comma, after any one-word lead-in
   ("Per token, …", "However, to scale …, OpenAI …") — may move. The words of one clause of
   the claim must come from one clause of the quote (clauses end at ; : — "but" and
   sentence ends), so a claim cannot bind one clause's subject to another's verb. No word
   may cross a verb both texts share, within its stretch between commas (English puts the
   doer before the verb and the done-to after it: "Hoffman's God model dismisses the idea"
   from "Hoffman dismisses the idea of a single God model"). A word
   of the quote may not be borrowed into another word's place ("Nvidia sells models" from
   "Nvidia sells GPUs …, models …"), and a modal verb may not move ("must be lagging" from
   "are lagging …, we shouldn't").
4. **Close in meaning as a whole**: the cosine of the claim's embedding to the quote's (or
   to its best clause) reaches `SIMILARITY` — the guard against a claim that reuses the
   quote's words about another matter.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from . import lexicon
from .text import (
    CRITICAL_STEMS,
    NEGATING_PAIRS,
    NUMBER_WORDS,
    display,
    is_content,
    lcs_pairs,
    modal,
    names,
    negates_at,
    rank,
    stem,
    words,
)
from .wordnet import wordnet

# Cosine of all-MiniLM-L6-v2 vectors (claim; quote or its best clause). On the dev pairs any
# value from 0 to 0.75 gives the same figures (28/52 faithful, 1/104 planted errors shown);
# 0.8 loses a faithful pair, 0.9 loses three and the error. 0.75 is the highest that keeps
# every faithful dev pair (evals/README.md).
SIMILARITY = 0.75
# Cosine of all-MiniLM-L6-v2 vectors of two single words, at which one may stand for the other
# (test 1). Dev pairs (evals/pairs_eval.py --split dev --word-similarity X): without it 28/52
# faithful, 1/104 planted errors shown; any value in (0.5, 0.93]: 29/52, 1/104 ("typically" /
# "usually", 0.933); 0.5: 29/52, 3/104 ("already" for "could"). Dev replays
# (evals/replay_eval.py): without it 38/58 faithful shown; 40/58 and 0/32 errors for any value
# in [0.5, 0.71]; 39/58 at 0.72. 0.6 is the middle of (0.5, 0.71], where both dev sets are at
# their best.
WORD_SIMILARITY = 0.6

Similarity = Callable[[str, list[str]], float]  # (claim, texts) -> best cosine

# English prepositions and subordinators: a phrase they open before a comma is an adverbial
# that may move ("Per token, GPT-4 …" / "GPT-4 … per token"). A closed class of the language.
OPENERS = frozenset(
    ["about", "above", "across", "after", "against", "along", "although", "among", "around"]
    + ["as", "at", "because", "before", "behind", "below", "beneath", "beside", "besides"]
    + ["between", "beyond", "by", "despite", "during", "even", "except", "for", "from", "given"]
    + ["if", "in", "inside", "into", "like", "near", "of", "off", "on", "once", "onto", "outside"]
    + ["over", "per", "since", "than", "though", "through", "throughout", "till", "to", "toward"]
    + ["towards", "under", "unless", "unlike", "until", "upon", "when", "whenever", "where"]
    + ["whereas", "while", "with", "within", "without"]
)
_CLAUSE = re.compile(r"[;:—–]|\bbut\b|(?<=[.!?])\s", re.IGNORECASE)


_AMOUNT = r"\d[\d,.]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = re.compile(  # a figure, not a name's number ("GPT-4"), or "per"; then its unit
    rf"(?:(?<![A-Za-z]-)(?<![\w.])[$£€]?(?:{_AMOUNT})(?:x|%|\s*(?:[kmb]n?|thousand|million|"
    rf"billion|trillion)\b)?|\bper)\s+(?P<unit>[A-Za-z]+)",
    re.IGNORECASE,
)

MODAL = "~"  # a modal verb's kind as a term in place ("~may" for "might"): `content(modals=True)`
# English prepositions of place, path and membership, which NLTK's stopwords lack: one may
# stand for another ("among both sides" / "in both sides", "via" / "through"). A closed class;
# those that turn a meaning (before/after, against, without, except, despite …) are not here.
RELATIONAL = frozenset(
    ["among", "amongst", "amid", "amidst", "across", "within", "via", "throughout", "upon"]
    + ["onto", "into", "toward", "towards"]
)
# Degree adverbs before a comparison ("much more", "far faster"): they say how much
DEGREE = frozenset(["much", "far"])


def content(text: str, modals: bool = False) -> list[str]:
    """Content words in order ("20 times" is "20x": the multiplier word is dropped; "ones"
    stands for a noun already said); with `modals`, each modal verb in place as its kind
    ("~will", "~may", "~ought")."""
    out: list[str] = []
    ws = words(text)
    for i, w in enumerate(ws):
        kind = lexicon.MODALITY.get(modal(w) or "")
        if kind and modals:
            out.append(MODAL + kind)
        elif w in RELATIONAL or (w in NEGATING_PAIRS and negates_at(ws, i)):
            continue  # "rather than" is a negation, which hard alignment weighs
        elif w == "more" and graded(ws[i + 1 : i + 2]):
            continue  # "more quickly": the degree is weighed by hard alignment (verify.py)
        elif (
            w in DEGREE
            and ws[i + 1 : i + 2]
            and (ws[i + 1] == "more" or lexicon.comparative(ws[i + 1]))
        ):
            continue  # "much more" / "far faster": how much, not what is compared
        elif is_content(w) and w != "ones" and not (w == "times" and out and out[-1][0].isdigit()):
            out.append(w)
    return out


def graded(following: list[str]) -> bool:
    """Whether the next word is only an adjective or adverb ("more quickly", "more
    expensive"; not "more models", "more in"): "more" then makes its comparative."""
    if not following or not is_content(following[0]):
        return False
    kinds = set(lexicon.lemmas(following[0]))
    return bool(kinds) and kinds <= {"ADJ", "ADV"}


def same_root(a: str, b: str) -> bool:
    """Whether two words share a root: 4+ letters of prefix, at most 2 left in the shorter."""
    if a[0].isdigit() or b[0].isdigit():
        return False
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and min(len(a), len(b)) - n <= 2


def forms(word: str) -> set[str]:
    """The word, its lemma, and for an adverb in -ly the adjective it is made from."""
    base = lexicon.adverb_base(word)
    return {word, lexicon.lemma(word)} | ({base} if base else set())


_WORDNET_POS = {"VERB": "v", "NOUN": "n", "ADJ": "a", "ADV": "r"}


def _senses(word: str) -> set[tuple[str, str]]:
    """The word in any part of speech, and its lemma in the part of speech it is the lemma
    for (("closed", ""), ("close", "v")): "closed" is no "close" as in "near"."""
    base, upos = lexicon.lemma_pos(word)
    if base == word:
        return {(word, "")}
    return {(word, ""), (base, _WORDNET_POS.get(upos or "", ""))}


def licensed(
    word: str,
    quote_words: list[str],
    similarity: Similarity | None = None,
    fixed: frozenset[str] = frozenset(),
) -> bool:
    """Whether a claim word is stated by some quote word (test 1 of the module docstring):
    by form or WordNet (`stated`), or with `similarity`, by likeness (`alike`)."""
    return stated(word, quote_words, fixed) or (
        similarity is not None and alike(word, quote_words, similarity, fixed)
    )


def stated(word: str, quote_words: list[str], fixed: frozenset[str] = frozenset()) -> bool:
    """Whether a quote word has the claim word's lemma, stem or root, or WordNet says one may
    stand for the other. A word in `fixed` (a unit: `units`) is stated by its own form only
    ("twenty hours" is not "twenty minutes", which WordNet links), and states no other."""
    s = rank(stem(word))
    if any(rank(stem(q)) == s or same_root(word, q) for q in quote_words):
        return True
    if word in fixed:
        return False
    net = wordnet()
    return any(
        net.same(f, g) for q in quote_words if q not in fixed for f in forms(word) for g in forms(q)
    )


def alike(
    word: str, quote_words: list[str], similarity: Similarity, fixed: frozenset[str] = frozenset()
) -> bool:
    """Whether a quote word licenses the claim word by likeness: neither is a unit (`fixed`),
    number, measure, modal or comparison word (`likeable`), they are not two nouns WordNet
    keeps apart, and `_stands_for` holds."""
    if word in fixed or not likeable(word):
        return False
    return any(
        q not in fixed
        and likeable(q)
        and not _two_things(word, q)
        and _stands_for(word, q, similarity)
        for q in quote_words
    )


def _stands_for(word: str, q: str, similarity: Similarity) -> bool:
    """Whether `word` may stand for the quote's `q` by likeness: their cosine reaches
    WORD_SIMILARITY and neither is an opposite of the other in any of its senses (WordNet:
    "hard" shares a synset with "difficult", the opposite of "easy"). `contrary` then tries
    the claim with its opposites."""
    net = wordnet()
    own, others = forms(word), forms(q)
    if own & {a for f in others for a in net.antonyms(f)}:
        return False
    if others & {a for f in own for a in net.antonyms(f)}:
        return False
    return similarity(word, [q]) >= WORD_SIMILARITY


def contrary(claim: str, quote: str, liked: list[str], similarity: Similarity) -> str | None:
    """'word / opposite' when the claim, with a word that only likeness licensed put into one
    of its WordNet opposites, is at least as near the quote as the claim itself: MiniLM puts
    opposites close ("usually" / "rarely" 0.77), but "Buses rarely run" is 0.81 from "Buses
    usually run", and "Buses often run" 0.99 (test 2)."""
    net = wordnet()
    own = similarity(claim, [quote])
    for word in liked:
        opposites = sorted({a.replace("_", " ") for f in forms(word) for a in net.antonyms(f)})
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        turned = [pattern.sub(a, claim, count=1) for a in opposites]
        turned = [t for t in turned if t != claim]
        if turned and similarity(quote, turned) >= own:
            return f"{word} / {' or '.join(opposites)}"
    return None


def likeable(word: str) -> bool:
    """Whether a word may license or be licensed by likeness alone: not a number, measure,
    modal verb or comparison word, whose every change is a planted error's."""
    if word[0].isdigit() or word in lexicon.MODALS or stem(word) in CRITICAL_STEMS:
        return False
    net = wordnet()
    return not any(net.measure(f) for f in forms(word))


def _two_things(a: str, b: str) -> bool:
    """Whether both words are nouns to WordNet (which has not linked them: `licensed`)."""
    net = wordnet()
    return all(any(net.noun(f) for f in forms(w)) for w in (a, b))


def units(text: str) -> frozenset[str]:
    """The words a text counts or measures by: a content word right after a figure, an
    amount word or "per" ("13 billion parameters", "twenty hours", "20x per token"); not
    after a multiplier ("20 times the price") or a name's number ("GPT-4 costs")."""
    found = (m.group("unit").lower() for m in _UNIT.finditer(display(text)))
    return frozenset(w for w in found if is_content(w) and w != "times")


def _common(claim_words: list[str], quote_words: list[str]) -> dict[int, int]:
    return lcs_pairs([stem(w) for w in claim_words], [stem(w) for w in quote_words])


def antonym(claim_words: list[str], quote_words: list[str]) -> str | None:
    """'claim word / quote word' for the first antonym pair (test 2), or None. A claim word
    is compared with each quote word the claim leaves out of the stretch of the quote it
    draws on ("powerful open models" for "powerful closed models, … open-source models"); a
    word the claim adds, with every quote word it leaves out. A word of another clause the
    claim does not draw on is no substitution for a word the claim shares with the quote."""
    net = wordnet()
    common = _common(claim_words, quote_words)
    kept = set(common.values())
    inside = range(min(kept), max(kept) + 1) if kept else range(0)
    pairs = [(c, quote_words[j]) for c in claim_words for j in inside if j not in kept]
    added = [w for i, w in enumerate(claim_words) if i not in common]
    pairs += [(c, q) for c in added for j, q in enumerate(quote_words) if j not in kept]
    for c, q in dict.fromkeys(pairs):
        if any(net.opposite(f, g, p, r) for f, p in _senses(c) for g, r in _senses(q)):
            return f"{c} / {q}"
    return None


def substitution(claim: str, quote: str) -> str | None:
    """A claim word put where the quote has other words, borrowed from elsewhere in the
    quote (test 3): "Nvidia sells models to labs" from "Nvidia sells GPUs to labs, … models".
    A claim word outside the two texts' common sequence, between two words of it, stands for
    the quote words between their partners; if its own word (or root: "Chinese" / "China")
    is elsewhere in the quote (and in no fronted phrase), one of those must license it."""
    claim_words, quote_words = content(claim), content(quote)
    common = _common(claim_words, quote_words)
    kept = set(common.values())
    order = sorted(common.items())
    stems = [stem(q) for q in quote_words]
    movable = {w for text in (claim, quote) for w, _, fronted in _positions(text) if fronted}
    for i, word in enumerate(claim_words):
        before = [j for k, j in order if k < i]
        after = [j for k, j in order if k > i]
        if i in common or not before or not after or word in movable:
            continue
        gap = [quote_words[j] for j in range(before[-1] + 1, after[0]) if j not in kept]
        outside = range(0, before[-1] + 1), range(after[0], len(quote_words))
        elsewhere = any(
            stems[j] == stem(word) or same_root(word, quote_words[j]) for r in outside for j in r
        )
        if gap and elsewhere and not licensed(word, gap):
            return f"'{word}' stands where the quote has '{' '.join(gap)}'"
    return None


def moved_modal(claim: str, quote: str) -> str | None:
    """A modal verb of the claim that the quote has only outside the stretch the claim draws
    on (test 3): "developers will be on their own" from "they'll open-source …, developers
    are on their own". The stretch runs from one word before the first quote word the claim
    shares (in their common sequence) to the last."""
    terms = content(quote, modals=True)
    at = [j for j, w in enumerate(terms) if not w.startswith(MODAL)]
    common = _common(content(claim), [terms[j] for j in at])
    if not common:
        return None
    first, last = at[min(common.values())], at[max(common.values())]
    there = Counter(w for w in terms[max(0, first - 1) : last + 1] if w.startswith(MODAL))
    wanted = Counter(w for w in content(claim, modals=True) if w.startswith(MODAL))
    missing = wanted - there
    return f"the quote does not say '{next(iter(missing))[1:]}' there" if missing else None


def _commas(text: str) -> list[str]:
    """The text split at its commas, except those inside brackets ("(e.g., a round)")."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


def _fronted(clause: str) -> int:
    """How many content words of the clause open it in a fronted phrase: after any one-word
    lead-ins ("However,"), a comma-ended phrase that opens with a preposition or
    subordinator ("By embedding AI, …", "To scale, …")."""
    parts = _commas(clause)
    lead = 0
    while lead < len(parts) - 1 and len(words(parts[lead])) <= 1:
        lead += 1
    if lead < len(parts) - 1 and words(parts[lead])[:1] and words(parts[lead])[0] in OPENERS:
        lead += 1
        while lead < len(parts) - 1 and len(words(parts[lead])) <= 2:  # a list: "Like A, B, and C,"
            lead += 1
    return len(content(",".join(parts[:lead])))


def _positions(text: str) -> list[tuple[str, int, bool]]:
    """(content word, clause number, inside a fronted phrase) for each content word."""
    out = []
    for n, clause in enumerate(_CLAUSE.split(display(text))):
        fronted = _fronted(clause)
        out += [(w, n, i < fronted) for i, w in enumerate(content(clause))]
    return out


def _align(claim: list[str], quote: list[str]) -> dict[int, int]:
    """Claim index -> quote index: a longest common subsequence of stems, then each word
    left over to the first free quote word with its stem or root."""
    a, b = [stem(w) for w in claim], [stem(w) for w in quote]
    at = lcs_pairs(a, b)
    free = set(range(len(b))) - set(at.values())
    for i in range(len(a)):
        if i not in at:
            found = [j for j in sorted(free) if a[i] == b[j] or same_root(claim[i], quote[j])]
            if found:
                at[i] = found[0]
                free.discard(found[0])
    return at


def role_swap(claim: str, quote: str) -> str | None:
    """What moved, when the claim binds or orders the quote's words otherwise (test 3)."""
    cs, qs = _positions(claim), _positions(quote)
    at = _align([w for w, _, _ in cs], [w for w, _, _ in qs])
    sources: dict[int, set[int]] = defaultdict(set)
    for i, j in at.items():
        sources[cs[i][1]].add(qs[j][1])
    if any(len(clauses) > 1 for clauses in sources.values()):
        return "a clause of the claim joins words of different clauses of the quote"
    pairs = sorted(at.items())
    crossed = _crosses_verb(claim, quote)
    if crossed:
        return crossed
    stems = [stem(w) for w, _, _ in qs]
    for x, (i1, j1) in enumerate(pairs):
        for i2, j2 in pairs[x + 1 :]:
            if j1 < j2 or cs[i1][2] or cs[i2][2] or qs[j1][2] or qs[j2][2]:
                continue
            for k, _ in pairs:
                if i1 < k < i2 and not cs[k][2] and stem(cs[k][0]) in stems[j2 + 1 : j1]:
                    return f"'{cs[i1][0]}' and '{cs[i2][0]}' change places around '{cs[k][0]}'"
    return None


def _only_verb(word: str) -> bool:
    """Whether lemminflect knows the word only as a verb ("dismisses", "created"; not
    "models" or "costs", which may be nouns)."""
    return set(lexicon.lemmas(word)) == {"VERB"}


def _crosses_verb(claim: str, quote: str) -> str | None:
    """A word that stands before a verb the claim and quote share in one and after it in the
    other: the doer made the done-to ("Hoffman's God model dismisses the idea" from "Hoffman
    dismisses the idea of a single God model"). English puts the subject before its verb and
    the object after. A verb here is a word lemminflect knows only as one in both texts
    ("dismisses"; not "models", "costs" or a name); only words of the same stretch between
    commas are weighed against it ("…, and AI users are fickle" may come first or last)."""
    cs, qs = _segments(claim), _segments(quote)
    at = _align([w for w, _ in cs], [w for w, _ in qs])
    named = names(claim) | names(quote)
    for iv, jv in at.items():
        verb, other = cs[iv][0], qs[jv][0]
        if verb in named or not (_only_verb(verb) and _only_verb(other)):
            continue
        for i, j in at.items():
            if i == iv or cs[i][1] != cs[iv][1] or qs[j][1] != qs[jv][1]:
                continue
            if (i < iv) != (j < jv) and not (_only_verb(cs[i][0]) and _only_verb(qs[j][0])):
                return f"'{cs[i][0]}' and '{verb}' change places"
    return None


def _segments(text: str) -> list[tuple[str, int]]:
    """(content word, number of the stretch between commas or clause ends it lies in)."""
    out = []
    for n, part in enumerate(re.split(r",|" + _CLAUSE.pattern, display(text), flags=re.I)):
        out += [(w, n) for w in content(part or "")]
    return out


def _clauses(quote: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[;:,—–]|\bbut\b", quote, flags=re.IGNORECASE)]
    return [quote] + [p for p in parts if len(p.split()) >= 3]


def problem(claim: str, quote: str, similarity: Similarity) -> str | None:
    """Why `quote` does not state `claim` in other words, or None when it does (the tests
    of the module docstring, in order)."""
    quote = display(quote)
    cw, qw = content(claim), content(quote)
    fixed = units(claim) | units(quote)
    unstated = [w for w in dict.fromkeys(cw) if not stated(w, qw, fixed)]
    liked = [w for w in unstated if alike(w, qw, similarity, fixed)]
    missing = [w for w in unstated if w not in liked]
    if missing:
        return f"support: the quote does not say {', '.join(repr(w) for w in missing)}"
    opposite = antonym(cw, qw) or contrary(claim, quote, liked, similarity)
    if opposite:
        return f"antonym: {opposite}"
    moved = role_swap(claim, quote) or substitution(claim, quote) or moved_modal(claim, quote)
    if moved:
        return f"role: {moved}"
    score = similarity(claim, _clauses(quote))
    if score < SIMILARITY:
        return f"support: the claim is not close to the quote (similarity {score:.2f})"
    return None
