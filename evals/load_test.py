"""Many students, one page: concurrent sessions against a running `debatebot ui`.

    .venv/bin/python evals/load_test.py http://127.0.0.1:7860/ --sessions 30 --questions 2

Each session is its own `gradio_client` connection asking classroom questions one after
another through the page's script endpoint (`/answer`). Every request ends as answered (a
checked Answer, refusals included), busy (the page's queue was full: "try again in a
moment"), a timeout, or an error; the figures are the counts and the p50/p95 seconds of the
answered ones. Loopback only, and bounded: at most 100 sessions and 10 questions each, and a
deadline per request. Exit status 1 when any request errs or times out.

`tests/test_load.py` runs it at a small size in CI (and at 30 sessions with
DEBATEBOT_LOAD_SESSIONS=30) against the page on the Ollama-protocol test server.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

QUESTIONS = [
    "How many GPUs does Stanford's NLP lab have?",
    "What are the main arguments for open-source AI?",
    "Why does Luttig expect closed models to win?",
    "How does open source help startups?",
    "What is the Stanford Review essay's conclusion?",
    "What are the risks of closed-source AI?",
]
MAX_SESSIONS, MAX_QUESTIONS = 100, 10


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def loopback(url: str) -> bool:
    from debatebot.ui import is_loopback  # the rule the page itself binds by

    return is_loopback(urlparse(url).hostname or "")


def session(url: str, n: int, questions: int, timeout: float) -> list[tuple[str, float, str]]:
    """One student: (outcome, seconds, detail) per question."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError
    from gradio_client.utils import QueueError

    outcomes = []
    client = Client(url, verbose=False)
    for j in range(questions):
        question = QUESTIONS[(n + j) % len(QUESTIONS)]
        began = time.monotonic()
        try:
            job = client.submit("Ask", question, api_name="/answer")
            answer = job.result(timeout=timeout)
            outcome = "refused" if answer.get("refused") else "answered"
            outcomes.append((outcome, time.monotonic() - began, ""))
        except QueueError as exc:
            outcomes.append(("busy", time.monotonic() - began, str(exc)))
        except TimeoutError:
            outcomes.append(("timeout", time.monotonic() - began, question))
        except (AppError, Exception) as exc:  # noqa: BLE001 - every failure is counted
            outcomes.append(("error", time.monotonic() - began, f"{type(exc).__name__}: {exc}"))
    return outcomes


def run(url: str, sessions: int, questions: int, timeout: float) -> dict:
    if not loopback(url):
        raise SystemExit(f"load_test: {url} is not a loopback address; this tool stays local")
    if not (1 <= sessions <= MAX_SESSIONS and 1 <= questions <= MAX_QUESTIONS):
        raise SystemExit(f"load_test: 1-{MAX_SESSIONS} sessions, 1-{MAX_QUESTIONS} questions")
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(lambda n: session(url, n, questions, timeout), range(sessions)))
    flat = [r for per in results for r in per]
    seconds = [s for outcome, s, _ in flat if outcome in ("answered", "refused")]
    count = {k: sum(1 for o, _, _ in flat if o == k) for k in ("answered", "refused", "busy")}
    return {
        "sessions": sessions,
        "requests": len(flat),
        **count,
        "timeouts": sum(1 for o, _, _ in flat if o == "timeout"),
        "errors": sum(1 for o, _, _ in flat if o == "error"),
        "p50_s": round(percentile(seconds, 50), 2),
        "p95_s": round(percentile(seconds, 95), 2),
        "wall_s": round(time.monotonic() - began, 1),
        "problems": sorted({d for o, _, d in flat if o in ("error", "timeout")})[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the page, e.g. http://127.0.0.1:7860/ (loopback only)")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--questions", type=int, default=2, help="questions per session")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per request")
    args = parser.parse_args(argv)
    figures = run(args.url, args.sessions, args.questions, args.timeout)
    print(json.dumps(figures, indent=2))
    return 1 if figures["errors"] or figures["timeouts"] else 0


if __name__ == "__main__":
    sys.exit(main())
