"""The `debatebot` command: a thin adapter over DebateBot.

Errors we expect (DebateBotError) become one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import DebateBotError

EXAMPLE = "How many GPUs does Stanford's NLP lab have?"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="debatebot",
        description="A debate chatbot that answers only from its sources, with checked "
        "citations. Settings come from DEBATEBOT_* environment variables (see README).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer a question from the sources, with citations")
    ask.add_argument("question", help=f'the question, e.g. "{EXAMPLE}"')
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")

    index = sub.add_parser(
        "index", help="add .txt/.md documents to the corpus and bring the store up to date"
    )
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="documents to add")
    index.add_argument(
        "--rebuild", action="store_true", help="drop the store and embed everything again"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "ask":
            return _ask(args.question, args.json)
        return _index(args.paths, args.rebuild)
    except DebateBotError as exc:
        print(f"debatebot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("debatebot: interrupted", file=sys.stderr)
        return 130


def _bot(**kwargs: object):  # imported late: `--help` stays instant
    from .bot import DebateBot

    bot = DebateBot(progress=sys.stderr.isatty(), **kwargs)  # type: ignore[arg-type]
    if bot.last_sync.added or bot.last_sync.deleted:  # the index was built or brought up to date
        print(bot.last_sync.summary(), file=sys.stderr)
    return bot


def _ask(question: str, as_json: bool) -> int:
    from .bot import validate_question
    from .settings import Settings

    settings = Settings()
    question = validate_question(question, settings.max_question_chars)  # before any loading
    answer = _bot(settings=settings).ask(question)
    if as_json:
        print(answer.model_dump_json(indent=2))
        return 0
    print(answer.text)
    if answer.citations:
        from .text import display  # the quote without markup; the JSON keeps it verbatim

        print("\nSources:")
        for c in answer.citations:
            print(f"[{c.marker}] {c.label} ({c.source}, chars {c.start}-{c.end})")
            print(f'    "{display(c.quote)}"')
    return 0


def _index(paths: list[Path], rebuild: bool) -> int:
    from .corpus import Corpus, read_document
    from .settings import Settings

    settings = Settings()
    for path in paths:  # check every file before the store is opened or anything is copied
        read_document(path, settings.max_document_bytes)
    if rebuild:
        from .embeddings import DEFAULT_EMBED_MODEL
        from .store import Store

        Corpus(settings.sources_dir).entries()  # a broken manifest fails before the drop
        Store.from_settings(settings, DEFAULT_EMBED_MODEL, rebuild=True)
    bot = _bot(settings=settings)
    report = bot.index(paths, progress=sys.stderr.isatty()) if paths else bot.last_sync
    print(report.summary())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
