"""debatebot: a debate chatbot that argues only from its sources, with checked citations."""

from typing import TYPE_CHECKING

from .errors import (
    BackendError,
    BackendUnavailableError,
    ConfigError,
    DebateBotError,
    DocumentError,
    EmptyQuestionError,
    InputError,
    QuestionTooLongError,
    StoreError,
)
from .models import REFUSAL, Answer, Citation, Claim, Passage
from .settings import Settings

if TYPE_CHECKING:
    from .bot import DebateBot


def __getattr__(name: str) -> object:
    # DebateBot pulls in llama-index and torch; import it only when asked for.
    if name == "DebateBot":
        from .bot import DebateBot

        return DebateBot
    raise AttributeError(f"module 'debatebot' has no attribute {name!r}")


__all__ = [
    "REFUSAL",
    "Answer",
    "BackendError",
    "BackendUnavailableError",
    "Citation",
    "Claim",
    "ConfigError",
    "DebateBot",
    "DebateBotError",
    "DocumentError",
    "EmptyQuestionError",
    "InputError",
    "Passage",
    "QuestionTooLongError",
    "Settings",
    "StoreError",
]
