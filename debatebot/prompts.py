"""Prompt templates: versioned YAML files rendered strictly (a missing variable is an error).

The files live in the repository's `prompts/` folder and are shipped inside the wheel as
`debatebot/prompts/`. A template has `version`, `system` and `user` (Jinja2 text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .errors import ConfigError
from .text import display

_HERE = Path(__file__).resolve().parent
_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False)


def prompts_dir() -> Path:
    """`debatebot/prompts` in an installed wheel, else the repository's `prompts/`."""
    packaged = _HERE / "prompts"
    return packaged if packaged.is_dir() else _HERE.parent / "prompts"


def as_data(text: str) -> str:
    """Source text for a prompt: readable, and unable to close its <passage> tag."""
    return display(text).replace("<", "‹").replace(">", "›")


@dataclass(frozen=True)
class Prompt:
    """A system + user message pair with a version name such as `answer.v1`."""

    version: str
    system: str
    user: str

    def render(self, **variables: Any) -> list[dict[str, str]]:
        """Chat messages with the variables filled in; raises ConfigError if one is missing."""
        try:
            return [
                {"role": "system", "content": _ENV.from_string(self.system).render(**variables)},
                {"role": "user", "content": _ENV.from_string(self.user).render(**variables)},
            ]
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"prompt {self.version}: {exc}") from exc


@cache
def load_prompt(version: str) -> Prompt:
    """Load `prompts/<version>.yaml`, e.g. `load_prompt("answer.v1")`."""
    path = prompts_dir() / f"{version}.yaml"
    if not path.is_file():
        raise ConfigError(f"no prompt template {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data.get("version") != version:
        raise ConfigError(f"{path} says version {data.get('version')!r}, expected {version!r}")
    return Prompt(version=version, system=data["system"], user=data["user"])
