"""The verifier on evals/pairs.yaml: faithful paraphrases accepted, planted errors accepted,
dev and test side by side (issue 13).

    .venv/bin/python evals/pairs_eval.py [--threshold 1.0] [--similarity 0.75]
                                         [--word-similarity 0.6] [--split dev]

Calibrate with `--split dev`: the test column is for reporting the chosen values.

Three checks are compared: the verifier as the pipeline runs it (hard alignment, lexical
support, then the semantic half with all-MiniLM-L6-v2 similarity), the lexical checker alone
(the verifier before issue 13: support ≥ threshold after hard alignment), and the strict
judge of the evals. Only figures are printed: no pair of the test split is listed.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import yaml

from debatebot import paraphrase
from debatebot.embeddings import minilm_embedder, similarity
from debatebot.judge import StrictJudge
from debatebot.settings import Settings
from debatebot.text import display
from debatebot.verify import check

PAIRS = Path(__file__).with_name("pairs.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=Settings().support_threshold)
    parser.add_argument(
        "--similarity",
        type=float,
        default=paraphrase.SIMILARITY,
        help="the semantic half's similarity threshold (calibrate on the dev column only)",
    )
    parser.add_argument(
        "--word-similarity",
        type=float,
        default=paraphrase.WORD_SIMILARITY,
        help="cosine of two words at which one licenses the other (calibrate on dev only)",
    )
    parser.add_argument("--split", choices=["dev", "test"], help="only this split's figures")
    args = parser.parse_args()
    paraphrase.SIMILARITY = args.similarity
    paraphrase.WORD_SIMILARITY = args.word_similarity
    splits = [args.split] if args.split else ["dev", "test"]
    pairs = [
        p
        for p in yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
        if p["split"] in splits
    ]
    judge = StrictJudge()
    near = similarity(minilm_embedder())
    checks = {
        f"verifier (both halves, similarity ≥ {args.similarity})": lambda c, q: (
            check(c, q, args.threshold, near) is None
        ),
        f"lexical checker alone (support ≥ {args.threshold})": lambda c, q: (
            check(c, q, args.threshold) is None
        ),
        "strict judge": judge.supports,
    }
    for name, accepts in checks.items():
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for p in pairs:
            ok = accepts(p["claim"], display(p["quote"]))
            group = "faithful" if p["label"] == "supported" else "planted error"
            for key in ((p["split"], group), (p["split"], p["kind"])):
                counts[key][0] += ok
                counts[key][1] += 1
        print(f"\n{name}: share accepted")
        print(f"{'':<20}" + "".join(f" {split:>14}" for split in splits))
        rows = ["faithful", "planted error"]
        rows += sorted({p["kind"] for p in pairs} - set(rows))
        for row in rows:
            cells = []
            for split in splits:
                hit, total = counts[(split, row)]
                cells.append(f"{hit}/{total} {hit / total:.0%}" if total else "")
            print(f"{row:<20}" + "".join(f" {cell:>14}" for cell in cells))


if __name__ == "__main__":
    main()
