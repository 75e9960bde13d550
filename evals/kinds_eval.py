"""How often the first stage (query.understand) reads a question's kind as a teaching
assistant would, on evals/kinds.yaml (89 questions in students' words, all dev).

    .venv/bin/python evals/kinds_eval.py [--misses]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from debatebot.corpus import Corpus
from debatebot.query import understand
from debatebot.settings import Settings

KINDS = Path(__file__).with_name("kinds.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the questions misread")
    args = parser.parse_args()
    corpus = Corpus(Settings().sources_dir)
    docs, motion = corpus.entries(), corpus.motion()
    right, total = Counter(), Counter()
    for row in yaml.safe_load(KINDS.read_text(encoding="utf-8"))["questions"]:
        got = understand(row["question"], docs, motion).kind
        total[row["kind"]] += 1
        right[row["kind"]] += got == row["kind"]
        if args.misses and got != row["kind"]:
            print(f"{row['kind']} read as {got}: {row['question']}")
    for kind in sorted(total):
        print(f"{kind:<12} {right[kind]}/{total[kind]}")
    print(f"{'all':<12} {sum(right.values())}/{sum(total.values())}")


if __name__ == "__main__":
    main()
