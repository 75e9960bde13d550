"""Verify: code, not the model, decides whether a claim may be shown.

A claim is shown only if every citation it carries
  1. is verbatim: `source_text[start:end] == quote`;
  2. lies inside a passage the answer was built from;
  3. supports the claim: `support(claim, quote) >= support_threshold` (default 1.0).

`check` has two halves; a claim passes only if both do.

Hard alignment (`mismatch`) never bends — any of these refuses the claim:
  - a number of the claim the quote lacks ("500 million" and "~500 million" agree; "single"
    is one), or an amount word ("billion", "half", "hundreds") it lacks;
  - a name the quote lacks: a capitalised word inside a sentence, or one opening it that is no
    common English word ("Microsoft"), that the quote lacks as a capitalised word; a name's
    own forms agree ("America", "American"; WordNet's "Chinese", "China");
  - a different number of negations ("not", "never", "nothing", "n't", "rather than",
    "instead of") in the claim and in the quote, counting a quote's negation only when a
    word it governs is in the claim;
  - a modal verb of the claim whose kind the quote lacks, in the quote's order: will/shall
    (what will be), would, can/could/may/might (what may be), should/must (what ought to be);
  - a meaning-flipping word (more/less, win/lose, ahead/behind: `lexicon.CRITICAL`) the quote
    lacks, or has in another order, or a direction particle ("up", "down") it lacks; a
    "more" that makes a comparative ("more quickly") may stand for the quote's own
    comparative ("faster"), unless the two are opposites;
  - a claim that asserts what the quote only asks ("Meta will open-source it" from "asked
    whether Meta will open-source it").
A claim may say who holds it: "Luttig argues that X", "One side holds that X", or "Luttig is
not sure that X" where the cited document says "I'm not sure X" (`unattributed`,
`in_first_person`). Then support. Lexical first (`support`): the share of the claim's
content words (lemmatised and stemmed) that the quote contains in the same order (modal
verbs and negations included, in place), consecutive ones at most GAP terms apart (so a claim
cannot borrow a word from another part of the quote to swap a role); at the default threshold
of 1.0 every content word must be there, in order. A claim in other words that falls short
of it is judged by the semantic half (`paraphrase.problem`: every word licensed by the quote
or WordNet, no antonym, no role swap, close in meaning), when the caller passes a
`similarity` (the pipeline does).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from . import durations, lexicon, paraphrase
from .lexicon import MODALITY, QUANTITY_WORDS, REPORTING, is_word, lemma
from .models import Citation, Claim, Passage
from .paraphrase import Similarity
from .text import (
    CRITICAL_STEMS,
    NAME_NUMBER,
    NEGATING_PAIRS,
    STOPWORDS,
    claim_terms,
    content_terms,
    display,
    lcs_pairs,
    modal,
    names,
    negates_at,
    negations,
    numbers,
    rank,
    sentence_spans,
    stem,
    words,
)


def lcs_matches(a: Sequence[str], b: Sequence[str]) -> set[int]:
    """Indices of `a` in one longest common subsequence of the token lists `a` and `b`."""
    return set(lcs_pairs(a, b))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token lists."""
    return len(lcs_matches(a, b))


GAP = 4  # a claim's consecutive matched terms may lie at most this many terms apart in the quote


def local_matches(a: Sequence[str], b: Sequence[str], gap: int = GAP) -> int:
    """The most terms of `a` matched in order in `b` such that consecutive matches lie at most
    `gap` positions apart in `b`: a claim's words must stay together as they do in its quote
    ("powerful open models" is not "powerful closed models, ... open-source models")."""
    best = [0] * len(b)  # best[j]: longest chain so far ending at b[j]
    longest = 0
    for term in a:
        new = best[:]
        for j, other in enumerate(b):
            if other != term:
                continue
            before = max(best[max(0, j - gap) : j], default=0)
            new[j] = max(new[j], before + 1)
        best = new
        longest = max(longest, max(best, default=0))
    return longest


# Direction particles ("going up" / "coming down"): stopwords to NLTK, meaning to a checker.
_PARTICLES = frozenset(["up", "down", "upward", "upwards", "downward", "downwards"])
_OPPOSITE = {"up": "down", "down": "up"}
# Degree adverbs (paraphrase.DEGREE): before a comparison word they say how much, and compare
# nothing themselves ("much more" / "far more"; "much" is also the lemma of "most").
_DEGREE = paraphrase.DEGREE
_SINGLE = re.compile(r"\bsingle\b", re.IGNORECASE)
_OPENING_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_ASKED = re.compile(r"\b(?:whether|if)\b([^,.;:?!]*)", re.IGNORECASE)


def claim_names(claim: str) -> set[str]:
    """The claim's names: capitalised words inside it, and its opening word when capitalised
    and no common English word ("Microsoft's AI ..."; not "Developers ...")."""
    found = names(claim)
    opening = _opening_name(claim)
    return found | {opening} if opening else found


def _opening_name(claim: str) -> str | None:
    """The claim's opening word when it is a name: capitalised and no common English word,
    or joined to a number by a hyphen, as a model or version is named ("Scale-4")."""
    text = display(claim)
    first = _OPENING_WORD.search(text)
    if first and first.group()[0].isupper():
        word = first.group().lower()
        versioned = NAME_NUMBER.match(text, first.end()) is not None
        if word not in STOPWORDS and (versioned or not is_word(word)):
            return word
    return None


def _names_stated(claim: str, quote: str) -> bool:
    """Whether the quote names each name of the claim: a capitalised word of the quote in
    one of the name's forms ("Models" is no name of a quote that only says "models"); the
    opening word may match any word of the quote (lemminflect may not know a common word)."""
    capitalised = [x for w in re.findall(r"\b[A-Z][\w-]*", display(quote)) for x in words(w)]
    opening = _opening_name(claim)
    return all(
        any(_same_name(n, q) for q in (words(quote) if n == opening else capitalised))
        for n in claim_names(claim)
    )


def _same_name(name: str, q: str) -> bool:
    """Whether two words are forms of one name: equal stems, a plural ("GPU" / "GPUs"), or
    a name of five letters or more with up to three added at its end ("America" /
    "American"; not "Open" / "OpenAI", "Linus" / "Linux" or "Solid" / "SolidWorks"), or
    WordNet's one name for both ("Chinese" / "China", "American" / "US")."""
    short, long = sorted((name, q), key=len)
    added = long.startswith(short) and len(long) - len(short) <= 3
    if stem(name) == stem(q) or long == short + "s" or (added and len(short) >= 5):
        return True
    from .wordnet import wordnet  # loaded on the first name not said in the same form

    return wordnet().one_name(name.lower(), q.lower())


SCOPE = 2  # a negation governs the next this many content words ("no feedback loop")


def negation_count(text: str) -> int:
    """How many negation cues the text has, "rather than" and "instead of" included."""
    ws = words(text)
    return sum(negates_at(ws, i) for i in range(len(ws)))


def negations_in_scope(claim: str, quote: str) -> int:
    """The quote's negations that bear on the claim: those whose scope (the next SCOPE
    content words) shares a word with the claim. A claim about one clause of a quote is not
    held to a negation in another ("they foot the bill" from "…have no feedback loop…, so
    they foot the bill")."""
    own = {stem(w) for w in words(claim)}
    ws = words(quote)
    count = 0
    for i in range(len(ws)):
        if not negates_at(ws, i):
            continue
        rest = ws[i + 1 + (ws[i] in NEGATING_PAIRS) :]
        scope = [x for x in rest if x not in STOPWORDS and not negations(x)][:SCOPE]
        count += not scope or any(stem(x) in own for x in scope)
    return count


def asked_only(claim: str, quote: str) -> bool:
    """Whether the claim states what the quote only asks: most of its words come from an
    embedded question of the quote ("whether Meta will open-source …") and the claim itself
    asks nothing."""
    if _ASKED.search(claim) or "?" in claim:
        return False
    own = set(content_terms(claim))
    if not own:
        return False
    quote = display(quote)
    for m in _ASKED.finditer(quote):
        inside = own & set(content_terms(m.group(1)))
        outside = own & set(content_terms(quote[: m.start()] + " " + quote[m.end() :]))
        if len(inside) >= 0.6 * len(own) and len(outside) < len(inside):
            return True
    return False


def mismatch(claim: str, quote: str) -> str | None:
    """The hard-alignment failure of a claim against a quote ("number", "name", "negation",
    "modality", "direction", "question"), or None when they align."""
    quote_numbers = numbers(quote) | ({"1"} if _SINGLE.search(quote) else set())
    if not numbers(claim) <= quote_numbers:
        return "number"
    quote_words = words(quote)
    if set(words(claim)) & QUANTITY_WORDS - set(quote_words):  # "half-billion" / "trillion"
        return "number"
    if not _names_stated(claim, quote):
        return "name"
    if negation_count(claim) != negations_in_scope(claim, quote):
        return "negation"
    kinds = modal_kinds(claim)
    if len(lcs_pairs(kinds, modal_kinds(quote))) < len(kinds):
        return "modality"  # each modal's kind, in the quote's order
    if asked_only(claim, quote):
        return "question"
    if directions(claim) - set(quote_words):
        return "direction"
    claim_terms = [rank(t) for t in content_terms(claim)]  # "are ahead" / "hold the lead"
    matched = lcs_matches(claim_terms, [rank(t) for t in content_terms(quote)])
    periphrastic = _periphrastic(claim, quote)
    for i, t in enumerate(claim_terms):
        degree = (
            t in _DEGREE and claim_terms[i + 1 : i + 2] and claim_terms[i + 1] in CRITICAL_STEMS
        )
        if t == "more" and periphrastic:
            continue
        if t in CRITICAL_STEMS and i not in matched and not degree:
            return "direction"
    return None


def _periphrastic(claim: str, quote: str) -> bool:
    """Whether a "more" of the claim makes a comparative ("more quickly") that a comparative
    of the quote the claim does not say ("far faster") may stand for: none of the two is the
    other's opposite ("more expensive" is no "cheaper")."""
    claim_words = words(claim)
    graded = [
        claim_words[k + 1]
        for k, w in enumerate(claim_words)
        if w == "more" and paraphrase.graded(claim_words[k + 1 : k + 2])
    ]
    made = [w for w in set(words(quote)) - set(claim_words) if lexicon.comparative(w)]
    if not graded or not made:
        return False
    from .wordnet import wordnet  # loaded on the first "more" before an adjective or adverb

    net = wordnet()
    return not any(
        net.opposite(f, b)
        for g in graded
        for f in paraphrase.forms(g)
        for m in made
        for b in paraphrase.forms(m)
    )


def directions(text: str) -> set[str]:
    """The direction particles of a text ("upward"; "prices went up"). An "up" or "down"
    that only completes a phrasal verb with no opposite in WordNet ("catch up": there is no
    "catch down") names no direction; one whose verb takes both does ("go up", "go down")."""
    ws = words(text)
    out = set()
    for i, w in enumerate(ws):
        if w not in _PARTICLES:
            continue
        other = _OPPOSITE.get(w)
        if other and i > 0:
            verb = lemma(ws[i - 1])
            from .wordnet import wordnet  # loaded on the first particle after a word

            net = wordnet()
            if net.verb(f"{verb}_{w}") and not net.verb(f"{verb}_{other}"):
                continue
        out.add(w)
    return out


def modal_kinds(text: str) -> list[str]:
    """The kinds of a text's modal verbs in order (`lexicon.MODALITY`), except that modals
    joined by "and" or "or" form one group, in a fixed order: coordination has none ("will,
    and should, win" says what "should and will win" says)."""
    groups: list[list[str]] = []
    previous = ""  # the word before, when it was a modal or a conjunction after one
    for w in words(text):
        m = modal(w)
        if m and previous in ("and", "or"):
            groups[-1].append(MODALITY[m])
        elif m:
            groups.append([MODALITY[m]])
        previous = "modal" if m else w if previous == "modal" else ""
    return [kind for group in groups for kind in sorted(group)]


# Words that name a speaker without a name ("He argues", "The essay says").
_SPEAKERS = frozenset(["he", "she", "they", "essay", "author", "article", "piece", "post"])
_SPEAKERS |= {"summary", "review", "writer", "paper", "report", "side", "other"}
# ("one" is "1" to `words`: "One side holds that X")
_REPORTS_ANOTHER = re.compile(r"\b(\w+)\s+(?:that\b|:)")


def unattributed(claim: str, quote: str, speaker: str) -> str:
    """The claim without an opening that says who holds it, when that is the cited document
    and the quote is in the document's own voice: "Luttig argues that X" citing Luttig,
    "The essay says X", "He expects X". `speaker` holds the document's label and title.
    The opening must name the speaker (a name, a pronoun, "essay"…) and hold nothing else."""
    if any(lemma(m.group(1).lower()) in REPORTING for m in _REPORTS_ANOTHER.finditer(quote)):
        return claim  # "LeCun claims that X": who holds X is part of what the quote says
    tokens = display(claim).split()
    known = set(words(speaker)) | _SPEAKERS | {"the", "a", "an", "1"}  # "One side holds"
    for k in range(1, min(len(tokens), 8)):
        verb = words(tokens[k])
        if not verb or lemma(verb[0]) not in REPORTING:
            continue
        opening = words(" ".join(tokens[:k]))
        named = any(w in _SPEAKERS or not is_word(w) for w in opening)
        if not named or not all(w in known for w in opening):
            return claim
        rest = tokens[k + 1 :]
        rest = rest[1:] if rest and rest[0].lower() == "that" else rest
        text = " ".join(rest)
        return text[:1].upper() + text[1:] if text else claim
    return claim


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_FIRST_PERSON = re.compile(r"\bI(?:['’](?:m|d|ve|ll))?\b")


def in_first_person(claim: str, quote: str, speaker: str) -> str:
    """The claim with its opening name put as "I", when the name is the cited document's
    (`speaker`: its label and title) and the quote speaks in the first person, outside any
    quotation: "Luttig is not sure that X" from Luttig's "But I'm not sure X"."""
    if not _FIRST_PERSON.search(_QUOTED.sub(" ", display(quote))):
        return claim
    tokens = display(claim).split()
    own = set(words(speaker))
    k = 0  # the opening: capitalised words of the speaker's, one of them no common word
    while k < len(tokens) and tokens[k][:1].isupper() and set(words(tokens[k])) <= own:
        k += 1
    if not any(w not in STOPWORDS and not is_word(w) for w in words(" ".join(tokens[:k]))):
        return claim
    return " ".join(["I", *tokens[k:]])


def check(
    claim: str,
    quote: str,
    threshold: float = 1.0,
    similarity: Similarity | None = None,
    speaker: str = "",
) -> str | None:
    """Why `quote` cannot back `claim` ("number: …", "support: …"), or None when it can:
    hard alignment, then lexical support, then (with `similarity`) the semantic half. A claim
    may say which document holds it (`speaker`: the cited document's label and title)."""
    if speaker:
        claim = in_first_person(unattributed(claim, quote, speaker), quote, speaker)
    claim = durations.in_quote_terms(claim, quote)  # "ten years" checked as the quote's "decade"
    failed = mismatch(claim, quote)
    if failed:
        return f"{failed}: the quote does not say this"
    if len(content_terms(claim)) < 2:  # "- Meta": a name or a word alone states nothing
        return "support: too short to state anything"
    score = support(claim, quote)
    if score >= threshold:
        return None
    if similarity is None:
        return f"support: the quote does not state it (support {score:.2f} < {threshold})"
    return paraphrase.problem(claim, quote, similarity)


def support(claim: str, quote: str) -> float:
    """How fully `quote` states `claim`, from 0 to 1 (see the module docstring)."""
    terms = claim_terms(claim)
    if not content_terms(claim) or mismatch(claim, quote):
        return 0.0
    return local_matches(terms, claim_terms(quote)) / len(terms)


def cite(passage: Passage, source_text: str, start: int, end: int) -> Citation:
    """A citation of `source_text[start:end]`, which lies in `passage`."""
    return Citation(
        source=passage.source,
        label=passage.label,
        title=passage.title,
        start=start,
        end=end,
        quote=source_text[start:end],
        passage_id=passage.id,
        stance=passage.stance,
    )


def attribute(
    sentence: str,
    citations: Sequence[Citation],
    threshold: float = 1.0,
    similarity: Similarity | None = None,
) -> tuple[Citation, float, str | None] | None:
    """The citation that best supports `sentence`, with its lexical support score and why
    it cannot back the sentence (None when it can): the one of highest support when that
    reaches `threshold`, else the first that passes `check` (in other words, or naming its
    document), else the one of highest support."""
    best: tuple[Citation, float] | None = None
    for c in citations:
        s = support(sentence, c.quote)
        if best is None or s > best[1]:
            best = (c, s)
    if best is None:
        return None
    top, score = best
    if score >= threshold:
        return top, score, check(sentence, top.quote, threshold, similarity, speaker_of(top))
    why = None
    for c in citations:
        problem = check(sentence, c.quote, threshold, similarity, speaker_of(c))
        if problem is None:
            return c, support(sentence, c.quote), None
        why = problem if c is top else why
    return top, score, why


def speaker_of(citation: Citation) -> str:
    """The words that name a citation's document (its label and title)."""
    return f"{citation.label} {citation.title or ''}"


MARKER = re.compile(r"\s*\[(\d+)(?:\s*,\s*\d+)*\]")  # "[1]" or "[1, 3]" after a sentence
# Markers written after the full stop ("… models. [3] The next …") belong to the sentence
# before them: moved in front of its stop, so the sentence splitter keeps them together.
_LATE_MARKERS = re.compile(r"([.!?])((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)")


def draft_claims(
    draft: str,
    pool: Sequence[Citation],
    numbered: bool = True,
    enough: float = 1.0,
    similarity: Similarity | None = None,
) -> list[Claim]:
    """Each sentence of a model's draft, its [n] markers removed, as a Claim citing the
    citation of `pool` that supports it best. With `numbered`, the model saw `pool` numbered
    from 1, so a citation its marker names is tried first and kept when it passes `check`
    (support threshold `enough`, and the semantic half with `similarity`)."""
    claims = []
    draft = _LATE_MARKERS.sub(r"\2\1", draft)
    for a, b in sentence_spans(draft):
        raw = draft[a:b]
        sentence = MARKER.sub("", raw).strip()
        if not sentence:
            continue
        hints = [int(n) for n in MARKER.findall(raw)] if numbered else []
        hinted = [pool[n - 1] for n in hints if 1 <= n <= len(pool)]
        found = attribute(sentence, hinted, enough, similarity) if hinted else None
        if found is None or found[2]:
            other = attribute(sentence, pool, enough, similarity)
            if other and (other[2] is None or found is None):
                found = other  # else the hint names the reason
        claims.append(
            Claim(
                text=sentence,
                citations=[found[0]] if found else [],
                support=found[1] if found else 0.0,
            )
        )
    return claims


def citation_problem(
    citation: Citation,
    claim: str,
    passages: Sequence[Passage],
    texts: Mapping[str, str],
    threshold: float,
    similarity: Similarity | None = None,
) -> str | None:
    """Why this citation cannot back this claim, or None when it can."""
    text = texts.get(citation.source)
    if text is None:
        return f"unknown source {citation.source!r}"
    if text[citation.start : citation.end] != citation.quote:
        return "quote is not the source text at its offsets"
    inside = any(
        p.id == citation.passage_id
        and p.source == citation.source
        and p.start <= citation.start
        and citation.end <= p.end
        for p in passages
    )
    if not inside:
        return "quote is not in a retrieved passage"
    return check(claim, citation.quote, threshold, similarity, speaker_of(citation))


def check_claims(
    claims: Sequence[Claim],
    passages: Sequence[Passage],
    texts: Mapping[str, str],
    threshold: float,
    similarity: Similarity | None = None,
) -> tuple[list[Claim], list[tuple[Claim, str]]]:
    """Split claims into (shown, dropped with the reason); a claim needs ≥1 citation, all good."""
    shown: list[Claim] = []
    dropped: list[tuple[Claim, str]] = []
    for claim in claims:
        if not claim.citations:
            dropped.append((claim, "no citation"))
            continue
        problems = [
            p
            for c in claim.citations
            if (p := citation_problem(c, claim.text, passages, texts, threshold, similarity))
        ]
        if problems:
            dropped.append((claim, problems[0]))
        else:
            shown.append(claim)
    return shown, dropped
