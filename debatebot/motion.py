"""The motion as data: its two sides, their names, descriptions and the words that name them.

Motions live in `debatebot/data/motions/<name>.yaml`; the default is the open- vs
closed-source AI motion the bundled essays argue about.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ConfigError
from .models import Side

MOTIONS_DIR = Path(__file__).resolve().parent / "data" / "motions"
DEFAULT_MOTION = "open-vs-closed-ai"


class SideInfo(BaseModel):
    name: str
    description: str
    terms: list[str]


class Motion(BaseModel):
    """A debate motion with two sides, `open` and `closed` in the default."""

    motion: str
    subject: list[str] = []
    sides: dict[Side, SideInfo]

    def name(self, side: Side) -> str:
        return self.sides[side].name

    def sides_named(self, text: str) -> list[Side]:
        """The sides a text names, in the order they first appear."""
        hits = []
        for side, info in self.sides.items():
            found = [m.start() for t in info.terms if (m := _term(t).search(text))]
            if found:
                hits.append((min(found), side))
        return [side for _, side in sorted(hits)]

    def side_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the text names a side or the motion's subject (words that are no topic)."""
        terms = [t for info in self.sides.values() for t in info.terms] + self.subject
        return [(m.start(), m.end()) for t in terms for m in _term(t).finditer(text)]


@cache
def _term(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"\b" + r"[\s\-]+".join(words) + r"\b", re.I)


@cache
def load_motion(name: str = DEFAULT_MOTION) -> Motion:
    """The motion `name` (a file in data/motions, or a path to a YAML file)."""
    path = Path(name) if name.endswith((".yaml", ".yml")) else MOTIONS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"no motion file {path}")
    try:
        return Motion.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{path} is not a valid motion file: {exc}") from exc
