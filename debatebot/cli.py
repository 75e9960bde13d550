"""The `debatebot` command: a thin adapter over DebateBot.

Errors we expect (DebateBotError) become one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import DebateBotError, InputError

EXAMPLE = "How many GPUs does Stanford's NLP lab have?"
EVALS = Path(__file__).resolve().parent.parent / "evals"  # the repository's evals/ folder


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

    argue = sub.add_parser("argue", help="argue one side of a topic from the sources")
    argue.add_argument("topic", help='the topic, e.g. "cost" or "national security"')
    argue.add_argument(
        "--side", required=True, help="side to argue: a side of the motion, e.g. open or closed"
    )
    argue.add_argument("--json", action="store_true", help="print the Answer as JSON")

    steelman = sub.add_parser(
        "steelman", help="the strongest cited case against a claim, and what it gets right"
    )
    steelman.add_argument("claim", help='your claim, e.g. "Open-source AI will win"')
    steelman.add_argument(
        "--side", help="the side your claim takes, if it is read wrong (default: read from it)"
    )
    steelman.add_argument("--json", action="store_true", help="print the Answer as JSON")

    debate = sub.add_parser("debate", help="the motion's two sides debate it, turn by turn")
    debate.add_argument(
        "motion", nargs="?", help="the motion's wording (default: the sources' motion)"
    )
    debate.add_argument("--rounds", type=int, help="rounds (default: DEBATEBOT_DEBATE_ROUNDS)")
    debate.add_argument("--markdown", type=Path, metavar="FILE", help="also write it as Markdown")
    debate.add_argument("--json", action="store_true", help="print the Debate as JSON")

    evals = sub.add_parser("eval", help="run the eval set, print the figures, write a report")
    evals.add_argument("--subset", choices=["fast", "full"], default="full", help="cases to run")
    evals.add_argument(
        "--split",
        choices=["dev", "test", "all"],
        default="all",
        help="dev (tune on it), test (report only: never listed case by case) or all",
    )
    evals.add_argument("--backend", choices=["llamacpp", "ollama"], help="override the backend")
    evals.add_argument("--dataset", type=Path, default=EVALS / "dataset.yaml", help="eval set")
    evals.add_argument("--out", type=Path, default=EVALS / "reports", help="report folder")
    evals.add_argument(
        "--thresholds", type=Path, default=EVALS / "thresholds.yaml", help="least value per metric"
    )

    bench = sub.add_parser("bench", help="measure speed and memory next to the bare model")
    bench.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    bench.add_argument("--runs", type=int, default=5, help="runs per figure (default: 5)")
    bench.add_argument(
        "--synthetic", type=int, default=100_000, metavar="N", help="synthetic corpus size"
    )

    ui = sub.add_parser("ui", help="start the classroom web page (Gradio) on this machine")
    ui.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    ui.add_argument("--port", type=int, default=7860, help="port (default: 7860)")

    index = sub.add_parser(
        "index", help="add .txt/.md documents to the corpus and bring the store up to date"
    )
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="documents to add")
    index.add_argument(
        "--rebuild", action="store_true", help="drop the store and embed everything again"
    )
    index.add_argument(
        "--lean",
        help="the new documents' side of the motion (e.g. open, closed) or mixed; without it "
        "they count for neither side",
    )

    models = sub.add_parser("models", help="manage models on the Ollama server")
    models_sub = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    register = models_sub.add_parser(
        "register",
        help="create a model on the Ollama server (DEBATEBOT_OLLAMA_HOST) from a GGUF file, "
        "with its chat template: no download needed",
    )
    register.add_argument(
        "--gguf", type=Path, help="the GGUF file (default: the bundled SmolLM2-135M-Instruct)"
    )
    register.add_argument("--name", help="model name (default: DEBATEBOT_OLLAMA_MODEL)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "index":
            return _index(args.paths, args.rebuild, args.lean)
        if args.command == "bench":
            return _bench(args.json, args.runs, args.synthetic)
        if args.command == "ui":
            return _ui(args.host, args.port)
        if args.command == "eval":
            return _eval(
                args.subset, args.split, args.backend, args.dataset, args.out, args.thresholds
            )
        if args.command == "models":
            return _register(args.gguf, args.name)
        if args.command == "debate":
            return _debate(args.motion, args.rounds, args.markdown, args.json)
        text = {"ask": "question", "argue": "topic", "steelman": "claim"}[args.command]
        return _answer(args.command, getattr(args, text), getattr(args, "side", None), args.json)
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


def _register(gguf: Path | None, name: str | None) -> int:
    from .ollama_models import register
    from .settings import Settings

    settings = Settings()
    print(f"debatebot: uploading the model to Ollama at {settings.ollama_host}", file=sys.stderr)
    created = register(settings, gguf, name)
    print(f"{created} is ready on {settings.ollama_host} (set DEBATEBOT_OLLAMA_MODEL={created})")
    return 0


def _answer(mode: str, text: str, side: str | None, as_json: bool) -> int:
    from .bot import validate_question
    from .settings import Settings

    settings = Settings()
    text = validate_question(text, settings.max_question_chars)  # before any loading
    bot = _bot(settings=settings)
    if mode == "ask":
        answer = bot.ask(text)
    elif mode == "argue":
        answer = bot.argue(text, side=side)
    else:
        answer = bot.steelman(text, claim_side=side)
    if as_json:
        print(answer.model_dump_json(indent=2))
        return 0
    if answer.mode == "steelman" and answer.claim_side:
        print(f"Your claim argues for {answer.claim_side_name}; the case for {answer.side_name}:\n")
    print(answer.text)
    _print_sources(answer.citations)
    _print_sources(answer.nearest, "Closest, but not an answer:")
    if answer.mode != "ask" and answer.citations:
        print(f"\n{answer.balance.summary()}")
    return 0


def _debate(motion: str | None, rounds: int | None, markdown: Path | None, as_json: bool) -> int:
    from .bot import validate_question
    from .settings import Settings

    settings = Settings()
    if motion is not None:
        motion = validate_question(motion, settings.max_question_chars)
    if rounds is not None and not 1 <= rounds <= 10:
        raise InputError(f"A debate has 1 to 10 rounds, not {rounds}.")
    if markdown is not None and not markdown.parent.is_dir():
        raise InputError(f"Can't write {markdown}: the folder {markdown.parent} doesn't exist.")
    debate = _bot(settings=settings).debate(motion, rounds=rounds)
    if markdown is not None:
        markdown.write_text(debate.to_markdown(), encoding="utf-8")
    if as_json:
        print(debate.model_dump_json(indent=2))
        return 0
    print(f"Motion: {debate.motion}\n")
    for turn in debate.turns:
        print(f"{turn.number}. {debate.name_of(turn.side)} · {turn.stage}")
        if turn.rebuts:
            other, quote = debate.name_of(turn.rebuts.side), turn.rebuts.quote
            print(f'   Answering {other} (turn {turn.rebuts.turn}): "{quote}"')
        print(f"   {turn.text}\n")
    _print_sources(debate.citations)
    print(f"\n{debate.balance.summary()}")
    if markdown is not None:
        print(f"Wrote {markdown}", file=sys.stderr)
    return 0


def _eval(
    subset: str, split: str, backend: str | None, dataset: Path, out: Path, thresholds: Path
) -> int:
    import datetime
    import shutil
    import tempfile

    from . import eval_report
    from .evaluation import (
        Evaluation,
        load_cases,
        load_documents,
        load_stance_labels,
        load_thresholds,
        validate_judge,
    )
    from .judge import load_judge
    from .pipeline import ANSWER_PROMPT
    from .settings import Settings

    if not dataset.is_file():
        raise InputError(f"No eval set at {dataset}: pass --dataset FILE.")
    limits = load_thresholds(thresholds)
    settings = Settings()
    if backend:
        settings = settings.model_copy(update={"backend": backend})
    cases = load_cases(dataset, subset, split)
    judge = load_judge(settings)
    judged, misses = validate_judge(judge, _beside(dataset, "judge.yaml"))
    documents = load_documents(dataset)
    if documents:  # a held-out set with documents of its own: added to a copy of the index
        scratch = Path(tempfile.mkdtemp(prefix="debatebot-eval-"))
        shutil.copytree(settings.sources_dir, scratch / "sources")
        settings = settings.model_copy(update={"index_dir": scratch, "chroma_host": None})
        print(f"adding {len(documents)} documents to a copy of the index", file=sys.stderr)
    bot = _bot(settings=settings)
    if documents:
        print(bot.index(documents).summary(), file=sys.stderr)
    labels = load_stance_labels(_beside(dataset, "stance.yaml"))
    progress = (lambda line: print(line, file=sys.stderr)) if sys.stderr.isatty() else None
    report = Evaluation(bot, judge, labels, progress).run(cases)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    meta = {
        "subset": subset,
        "split": split,
        "dataset": str(dataset),
        "backend": settings.backend,
        "model": bot.model_name,
        "judge": judge.name,
        "judge_accuracy": judged.value,
        "judge_misses": misses,
        "prompt_versions": sorted(
            {ANSWER_PROMPT, *(p.version for p in bot.debater.prompts.values())}
        ),
        "settings": settings.model_dump(mode="json"),
    }
    paths = eval_report.write(report, out, stamp, limits, meta)
    print(eval_report.table(report, limits))
    if overlap := eval_report.steelman_overlap(report):
        print(overlap)
    accuracy = f"{judged.value:.0%} ({judged.hits}/{judged.total})"
    print(f"\njudge {judge.name}: {accuracy} on the judge set")
    print(f"{len(cases)} cases in {report.seconds:.0f} s; report: {paths[0]}")
    failures = report.failures(limits)
    for line in failures:
        print(f"debatebot: below threshold: {line}", file=sys.stderr)
    return 1 if failures else 0


def _beside(dataset: Path, name: str) -> Path:
    """`name` next to the dataset, else the repository's evals/ copy."""
    here = dataset.with_name(name)
    return here if here.is_file() else EVALS / name


def _print_sources(citations: list, heading: str = "Sources:") -> None:
    """Numbered citations with their quotes; a refusal's closest passages, unnumbered."""
    from .text import display  # the quote without markup; the JSON keeps it verbatim

    if citations:
        print(f"\n{heading}")
    for c in citations:
        mark = f"[{c.marker}]" if c.marker else "-"
        print(f"{mark} {c.label} ({c.source}, chars {c.start}-{c.end}, {c.stance})")
        print(f'    "{display(c.quote)}"')


def _bench(out: Path | None, runs: int, synthetic: int) -> int:
    import json

    from .bench import Bench, table
    from .settings import Settings

    if runs < 1 or synthetic < 100:
        raise InputError("--runs must be at least 1 and --synthetic at least 100.")
    say = (lambda line: print(f"bench: {line}", file=sys.stderr)) if sys.stderr.isatty() else None
    result = Bench(Settings(), runs, synthetic, say or (lambda _: None)).run()
    print(table(result))
    print(
        f"\n{result['environment']['cpu']}, {result['environment']['threads']} threads; "
        f"{result['seconds']:.0f} s"
    )
    if out:
        out.write_text(json.dumps(result, indent=2), encoding="utf-8")
        print(f"figures: {out}")
    return 0


def _ui(host: str, port: int) -> int:
    from .settings import Settings
    from .ui import login, serve

    login(host, Settings())  # refuse an open page before loading anything
    bot = _bot()
    print(f"debatebot: loading the model ({bot.settings.backend})...", file=sys.stderr)
    _ = bot.backend  # load it now: the first question should not wait for it
    print(f"debatebot: open http://{host}:{port} in a browser (Ctrl+C stops)", file=sys.stderr)
    serve(bot, host, port, bot.settings.ui_queue_size)
    return 0


def _index(paths: list[Path], rebuild: bool, lean: str | None = None) -> int:
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
    report = bot.index(paths, progress=sys.stderr.isatty(), lean=lean) if paths else bot.last_sync
    print(report.summary())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
