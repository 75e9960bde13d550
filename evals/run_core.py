"""Core eval (issue 2): quote exactness, evidence hits and refusals on evals/core.yaml.

    .venv/bin/python evals/run_core.py [--json FILE]

Prints one line per question and the three figures; exits 1 when a figure misses its goal
(100% verbatim quotes, >= 80% evidence hits, >= 4/5 refusals).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

from debatebot import DebateBot

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    cases = yaml.safe_load((HERE / "core.yaml").read_text(encoding="utf-8"))
    bot = DebateBot()
    quotes = exact = hits = refused = 0
    t0 = time.perf_counter()
    for case in cases["answerable"]:
        ans = bot.ask(case["question"])
        text = bot.source_text(case["source"])
        start = text.index(case["evidence"])
        end = start + len(case["evidence"])
        hit = False
        for c in ans.citations:
            quotes += 1
            exact += bot.source_text(c.source)[c.start : c.end] == c.quote
            hit |= c.source == case["source"] and c.start < end and start < c.end
        hits += hit
        print(f"{'HIT ' if hit else 'MISS'} {case['question']}\n     -> {ans.text[:150]}")
    for question in cases["unanswerable"]:
        ans = bot.ask(question)
        refused += ans.refused
        print(f"{'REFUSED' if ans.refused else 'ANSWERED'} {question}\n     -> {ans.text[:150]}")
    n, m = len(cases["answerable"]), len(cases["unanswerable"])
    figures = {
        "quote_exactness": exact / quotes if quotes else 1.0,
        "evidence_hit_rate": hits / n,
        "refusals": f"{refused}/{m}",
        "quotes": quotes,
        "seconds": round(time.perf_counter() - t0, 1),
        "model": bot.backend.model,
        "prompt_version": bot.prompt.version,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    ok = exact == quotes and hits / n >= 0.8 and refused >= m - 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
