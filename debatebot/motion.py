"""The motion as data: its two sides, their names, descriptions and the words that name them.

A sources folder's manifest chooses its motion with `motion:` — a file beside the manifest
(`motion: motion.yaml`) or a bundled one in `debatebot/data/motions/<name>.yaml`; without it,
the default is the open- vs closed-source AI motion the bundled essays argue about
(`examples/phones/sources/` holds a second motion and its documents).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError, field_validator

from .errors import ConfigError, InputError
from .models import Side

MOTIONS_DIR = Path(__file__).resolve().parent / "data" / "motions"
DEFAULT_MOTION = "open-vs-closed-ai"


class SideInfo(BaseModel):
    name: str
    description: str
    terms: list[str]
    # who or what stands for the side (firms, products, groups): a claim about them takes a
    # side ("Google is far ahead"), a question about them asks for no side's case
    actors: list[str] = []


class Motion(BaseModel):
    """A debate motion with two sides, `open` and `closed` in the default."""

    motion: str
    subject: list[str] = []
    sides: dict[Side, SideInfo]

    @field_validator("sides")
    @classmethod
    def _two_sides(cls, sides: dict[Side, SideInfo]) -> dict[Side, SideInfo]:
        if len(sides) != 2 or "neutral" in sides:
            raise ValueError("a motion has exactly two sides, and neither is called 'neutral'")
        return sides

    @property
    def side_keys(self) -> list[Side]:
        """The two sides in file order; the first speaks first in a debate."""
        return list(self.sides)

    def name(self, side: Side) -> str:
        return self.sides[side].name

    def names(self) -> dict[Side, str]:
        return {side: info.name for side, info in self.sides.items()}

    def opposite(self, side: Side) -> Side:
        first, second = self.side_keys
        return second if side == first else first

    def check_side(self, side: str) -> Side:
        """`side` if it is one of the motion's sides, else an InputError naming them."""
        if side not in self.sides:
            options = " or ".join(repr(s) for s in self.sides)
            raise InputError(f"The side must be {options} (motion: {self.motion}), not {side!r}.")
        return side

    def sides_named(self, text: str, actors: bool = False, inner: bool = False) -> list[Side]:
        """The sides a text names (with `actors`, also through them), in order of appearance;
        with `inner`, also with a word of the motion's subject before a term's head (`_term`:
        "a paid AI service" names the side "paid service" names)."""
        hits = []
        for side, info in self.sides.items():
            terms = info.terms + (info.actors if actors else [])
            found = [m.start() for t in terms if (m := self._pattern(t, inner).search(text))]
            if found:
                hits.append((min(found), side))
        return [side for _, side in sorted(hits)]

    def unfold(self, text: str) -> str:
        """The text with a head said once put back where both halves are sides' terms
        ("open and closed-source models" -> "open source and closed-source models"): English
        says the head of two coordinated compounds only in the second; and "ones" standing for
        a side's head said elsewhere ("closed ones" -> "closed models"); and a side's
        adjective said after the motion's subject ("keep our AI closed" -> "keep our closed
        AI"), as English says an adjective that completes a verb."""
        terms = {t.lower() for info in self.sides.values() for t in info.terms}
        text = self._predicative(text, terms)
        for term in sorted(terms):
            first, *head = term.split()
            if not head:
                continue
            rest = r"[\s\-]+".join(re.escape(w) for w in head)
            second = rf"{re.escape(first)}[\s\-]+{rest}"
            pattern = re.compile(
                rf"\b(?P<a>[A-Za-z]+)-?(?P<joint>\s+(?:and|or|vs\.?|versus|&)\s+)(?P<b>{second})\b",
                re.I,
            )

            def put_back(m: re.Match[str], head: list[str] = head) -> str:
                if " ".join([m["a"].lower(), *head]) not in terms:
                    return m.group(0)
                return " ".join([m["a"], *head]) + m["joint"] + m["b"]

            text = pattern.sub(put_back, text)
            # "ones" standing for the head said before: "open models beat closed ones"
            if re.search(rf"\b{rest}\b", text, re.I):
                ones = re.compile(rf"\b({re.escape(first)})\s+ones\b", re.I)
                text = ones.sub(r"\1 " + " ".join(head), text)
        return text

    def _predicative(self, text: str, terms: set[str]) -> str:
        """ "keep AI closed" -> "keep closed AI": a two-word term whose head is the motion's
        subject, its adjective said just after the subject and not opening a longer term
        ("AI open-source models" stays)."""
        subject = {s.lower() for s in self.subject}
        pairs = [t.split() for t in terms if len(t.split()) == 2 and t.split()[1] in subject]
        for adj, head in pairs:
            followers = {t.split()[1] for t in terms if t.split()[0] == adj and " " in t}
            after = "|".join(re.escape(f) for f in sorted(followers))
            pattern = rf"\b({re.escape(head)})\s+({re.escape(adj)})\b(?![\s\-]+(?:{after})\b)"
            text = re.sub(pattern, r"\2 \1", text, flags=re.I)
        return text

    def side_spans(
        self, text: str, subject: bool = True, inner: bool = False
    ) -> list[tuple[int, int]]:
        """Where the text names a side, or (`subject`) the motion's subject (no topic);
        without the subject, actors count as naming their side; `inner` as in `sides_named`."""
        terms = [t for info in self.sides.values() for t in info.terms]
        terms += self.subject if subject else [t for i in self.sides.values() for t in i.actors]
        return [(m.start(), m.end()) for t in terms for m in self._pattern(t, inner).finditer(text)]

    def _pattern(self, term: str, inner: bool) -> re.Pattern[str]:
        """A side's term as `_term` reads it, with the motion's subject as `inner` or not."""
        return _term(term, tuple(self.subject) if inner else ())

    def subject_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the text names the motion's subject ("AI", "models"), which makes no topic."""
        return [(m.start(), m.end()) for t in self.subject for m in _term(t).finditer(text)]

    def swap_sides(self, text: str) -> str:
        """The text with each side it names by a term put as the other side's name ("Open
        models iterate faster than closed ones" -> "closed-source AI iterate faster than
        open-source AI"): the same point made for the other side. Actors stay (a firm is
        not its side's opposite)."""
        text = self.unfold(text)
        found = sorted(
            (m.start(), -m.end(), self.name(self.opposite(side)))
            for side, info in self.sides.items()
            for t in info.terms
            for m in _term(t).finditer(text)
        )
        out, last = [], 0
        for start, neg_end, other in found:
            if start < last:  # inside a longer term already replaced
                continue
            out += [text[last:start], other]
            last = -neg_end
        return "".join(out) + text[last:]


@cache
def _term(term: str, inner: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A term as whole words, hyphen or space alike; with `inner` (the motion's subject), a
    word of it may stand before the term's head, as English puts a noun modifier next to the
    head it modifies ("hosted AI services" are "hosted services")."""
    words = [re.escape(w) for w in term.split()]
    if inner and len(words) > 1:
        modifier = "|".join(re.escape(w) for w in sorted(inner, key=len, reverse=True))
        head = r"[\s\-]+".join(words[1:])
        return re.compile(rf"\b{words[0]}[\s\-]+(?:(?:{modifier})[\s\-]+)?{head}\b", re.I)
    return re.compile(r"\b" + r"[\s\-]+".join(words) + r"\b", re.I)


@cache
def load_motion(name: str = DEFAULT_MOTION, folder: Path | None = None) -> Motion:
    """The motion `name`: a bundled one (data/motions/<name>.yaml), or a YAML file's path
    (relative to `folder`, the sources folder whose manifest names it)."""
    if name.endswith((".yaml", ".yml")):
        path = Path(name) if folder is None else folder / name
    else:
        path = MOTIONS_DIR / f"{name}.yaml"
    if not path.is_file():
        bundled = ", ".join(sorted(p.stem for p in MOTIONS_DIR.glob("*.yaml")))
        raise ConfigError(
            f"no motion file {path}: give a motion file beside the manifest or a bundled "
            f"motion ({bundled})."
        )
    try:
        return Motion.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0]
        raise ConfigError(f"{path} is not a valid motion file ({first}).") from exc
