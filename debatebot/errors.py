"""Every error debatebot raises on purpose, in one small tree.

    DebateBotError                 base: the CLI and UI print str(error) and exit 2
    ├── InputError                 the user asked for something we refuse (fix the input)
    │   ├── EmptyQuestionError
    │   ├── QuestionTooLongError
    │   └── DocumentError          a file given to `index` is missing, binary, not UTF-8, ...
    ├── ConfigError                a setting is wrong (fix the environment / settings)
    ├── BackendError               the language model failed (llama.cpp or Ollama)
    │   └── BackendUnavailableError   cannot reach / load it at all
    └── StoreError                 the vector store (Chroma) failed or is inconsistent

Foreign exceptions (chromadb, llama_cpp, ollama, httpx) are translated where they enter:
in `backends.py` and `store.py`. Messages are one line and say what to do.
"""

from __future__ import annotations


class DebateBotError(Exception):
    """Base class: a failure we can explain to a person in one line."""


class InputError(DebateBotError, ValueError):
    """The input is not acceptable; nothing was changed."""


class EmptyQuestionError(InputError):
    """The question is empty or only whitespace."""


class QuestionTooLongError(InputError):
    """The question is longer than settings.max_question_chars."""


class DocumentError(InputError):
    """A document given for indexing cannot be used (missing, binary, not UTF-8, empty...)."""


class ConfigError(DebateBotError):
    """A setting is invalid or points at something that does not exist."""


class BackendError(DebateBotError):
    """The language-model backend failed while generating."""


class BackendUnavailableError(BackendError):
    """The language-model backend cannot be reached or loaded."""


class StoreError(DebateBotError):
    """The vector store failed or does not match the current settings."""
