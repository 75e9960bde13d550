"""Fit the relevance model and its thresholds on the dev split; never reads the test split.

    .venv/bin/python evals/calibrate.py            # fit, print the dev figures, write
                                                   # debatebot/data/relevance.yaml
    .venv/bin/python evals/calibrate.py --check    # print the dev figures of the current file

1. weights, bias: every candidate unit the pipeline considers for a dev `fact` or `definition`
   question is labelled 1 when it overlaps the question's gold evidence, else 0, and a
   logistic regression on select.FEATURES is fitted to those labels (Newton's method, L2).
2. answer_threshold: among the values at which at most 5% of all the answerable dev questions
   are refused (the issue's target, over every kind), those that refuse the most
   unanswerable dev questions, then the fewest answerable ones; the middle of that interval
   (its edges are the best units - those that pass the hard gates, select.can_answer - of
   dev questions).
3. near_best: the grid value with the best dev evidence hit for facts (ties: fewer units).
4. topic_threshold: the grid value with the best dev evidence hit for views, overviews and
   comparisons on a topic (ties: the middle one).
The selection is what decides refusals and which spans are cited (the model only rewords a
picked unit), so these figures need no model run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from debatebot.bot import DebateBot  # noqa: E402
from debatebot.evaluation import Case, load_cases, selection_hit  # noqa: E402
from debatebot.pipeline import retrieve, select, understand  # noqa: E402
from debatebot.select import (  # noqa: E402
    CALIBRATION,
    FEATURES,
    Calibration,
    can_answer,
    load_calibration,
    score,
)

HERE = Path(__file__).resolve().parent
ANSWERABLE = ("fact", "definition", "view", "overview", "comparison")
MOST_REFUSED = 0.05


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Weights (bias first) of a logistic regression, by Newton's method with an L2 penalty."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = l2 * np.eye(x1.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x1 @ w))
        grad = x1.T @ (p - y) + penalty @ w
        hess = x1.T @ (x1 * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hess, grad)
    return w


def dev_cases() -> list[Case]:
    return [c for c in load_cases(HERE / "dataset.yaml", split="dev")]


def features(bot: DebateBot, cases: list[Case]) -> list[tuple[Case, Any, Any]]:
    """(case, query, pools) for every dev question."""
    out = []
    for case in cases:
        if case.kind not in (*ANSWERABLE, "unanswerable"):
            continue
        query = understand(case.question, bot.sources)
        out.append((case, query, retrieve(query, bot.sources)))
    return out


def evaluate(bot: DebateBot, rows: list[tuple[Case, Any, Any]], cal: Calibration) -> dict[str, Any]:
    """Dev figures of the selection under `cal`: refusals and evidence hit by kind."""
    text = bot.source_text
    hits: dict[str, list[bool]] = defaultdict(list)
    refused: dict[str, list[bool]] = defaultdict(list)
    bot.sources.calibration = cal
    for case, query, pools in rows:
        selection = select(query, pools, bot.sources)
        kind = case.kind
        refused["unanswerable" if kind == "unanswerable" else "answerable"].append(
            selection.refused
        )
        if kind != "unanswerable":
            hits[kind].append(selection_hit(case, selection.picked, text))
    return {
        "answerable_refused": _share(refused["answerable"]),
        "unanswerable_refused": _share(refused["unanswerable"]),
        **{f"hit_{k}": _share(v) for k, v in sorted(hits.items())},
    }


def _share(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.0%} ({sum(values)}/{len(values)})" if values else "-"


def calibrate(bot: DebateBot, rows: list[tuple[Case, Any, Any]]) -> tuple[Calibration, dict]:
    base = load_calibration()
    xs, ys = [], []
    for case, query, pools in rows:
        if case.kind not in ("fact", "definition") or query.kind not in ("fact", "definition"):
            continue
        for pool in pools:
            for c in score(
                query, pool.units, pool.sims, bot.sources.stats, base, vectors=bot.sources.words
            ):
                xs.append([c.features[f] for f in FEATURES])
                ys.append(1.0 if selection_hit(case, [c], bot.source_text) else 0.0)
    w = fit_logistic(np.array(xs), np.array(ys))
    cal = replace(
        base, bias=float(w[0]), weights=dict(zip(FEATURES, map(float, w[1:]), strict=True))
    )
    # answer threshold: refuse at most MOST_REFUSED of the answerable fact/definition questions
    best_answerable, best_unanswerable = [], []
    for case, query, pools in rows:
        if query.kind not in ("fact", "definition"):
            continue
        top = max(
            (
                c.relevance
                for p in pools
                for c in score(
                    query, p.units, p.sims, bot.sources.stats, cal, vectors=bot.sources.words
                )
                if can_answer(c)
            ),
            default=0.0,
        )
        (best_unanswerable if case.kind == "unanswerable" else best_answerable).append(top)
    threshold = answer_threshold(bot, rows, cal, best_answerable + best_unanswerable)
    cal = replace(cal, answer_threshold=threshold)
    near = max(
        [0.05, 0.1, 0.15, 0.2, 0.3],
        key=lambda v: (
            _rate(evaluate(bot, rows, replace(cal, near_best=v)), ("fact", "definition")),
            -v,
        ),
    )
    cal = replace(cal, near_best=near)
    grid = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    scores = {
        v: _rate(
            evaluate(bot, rows, replace(cal, topic_threshold=v)), ("view", "overview", "comparison")
        )
        for v in grid
    }
    top = max(scores.values())
    ties = [v for v in grid if scores[v] == top]
    cal = replace(cal, topic_threshold=ties[len(ties) // 2])
    facts = {
        "units": len(ys),
        "gold_units": int(sum(ys)),
        "answerable_best": len(best_answerable),
        "unanswerable_best": len(best_unanswerable),
        "topic_grid": {str(k): round(v, 3) for k, v in scores.items()},
    }
    return cal, facts


def answer_threshold(
    bot: DebateBot, rows: list[tuple[Case, Any, Any]], cal: Calibration, tops: list[float]
) -> float:
    """The answer threshold: of the values that refuse at most MOST_REFUSED of all the
    answerable dev questions, those that refuse the most unanswerable ones, then the fewest
    answerable ones; of the interval of values that do, its middle (the widest margin on
    both sides: a threshold at the interval's edge sits a hair from a dev question's best
    unit, and a question not yet seen falls on its wrong side as often as not)."""
    edges = sorted({round(t, 4) for t in tops} | {0.0, 1.0})
    trials = []  # (key, low, high): the figures of every threshold in (low, high]
    for low, high in zip(edges, edges[1:], strict=False):
        figures = evaluate(bot, rows, replace(cal, answer_threshold=(low + high) / 2))
        refused = _refused(figures)
        if refused <= MOST_REFUSED:
            trials.append(((_share_of(figures["unanswerable_refused"]), -refused), low, high))
    best = max(key for key, _, _ in trials)
    runs = [(low, high) for key, low, high in trials if key == best]
    # the longest run of adjacent intervals with the best figures
    spans: list[tuple[float, float]] = []
    for low, high in runs:
        if spans and spans[-1][1] == low:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))
    low, high = max(spans, key=lambda s: s[1] - s[0])
    return round((low + high) / 2, 4)


def _share_of(value: str) -> float:
    h, t = value.split("(")[1].rstrip(")").split("/")
    return int(h) / int(t)


def _refused(figures: dict[str, Any]) -> float:
    return _share_of(figures["answerable_refused"])


def _rate(figures: dict[str, Any], kinds: tuple[str, ...]) -> float:
    hits = total = 0
    for k in kinds:
        value = figures.get(f"hit_{k}", "-")
        if value != "-":
            h, t = value.split("(")[1].rstrip(")").split("/")
            hits, total = hits + int(h), total + int(t)
    return hits / total if total else 0.0


def write(cal: Calibration, figures: dict[str, Any], facts: dict[str, Any]) -> None:
    lines = [
        "# Fitted by evals/calibrate.py on the dev split of evals/dataset.yaml (never the test",
        "# split). Relevance = 1 / (1 + exp(-(bias + weights . features))); see select.py.",
        f"# Fitted on {facts['units']} candidate units of dev fact/definition questions,",
        f"# {facts['gold_units']} of them overlapping gold evidence.",
        f"# answer_threshold: of the values refusing at most {MOST_REFUSED:.0%} of the answerable",
        "# dev questions (every kind), those refusing the most unanswerable, then the fewest",
        "# answerable ones: the middle of that interval. Dev figures with these values:",
        *[f"#   {k}: {v}" for k, v in figures.items()],
        f"# topic_threshold grid (dev hit, views/overviews/comparisons): {facts['topic_grid']}",
    ]
    body = {
        "bias": round(cal.bias, 4),
        "weights": {k: round(v, 4) for k, v in cal.weights.items()},
        "answer_threshold": cal.answer_threshold,
        "topic_threshold": cal.topic_threshold,
        "near_best": cal.near_best,
    }
    CALIBRATION.write_text("\n".join(lines) + "\n" + yaml.safe_dump(body, sort_keys=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report the current file only")
    args = parser.parse_args()
    bot = DebateBot()
    rows = features(bot, dev_cases())
    if args.check:
        print(evaluate(bot, rows, load_calibration()))
        return 0
    cal, facts = calibrate(bot, rows)
    figures = evaluate(bot, rows, cal)
    write(cal, figures, facts)
    print(yaml.safe_dump({"calibration": cal.__dict__, "dev": figures, **facts}, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
