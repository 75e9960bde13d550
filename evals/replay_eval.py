"""Scripted replays of a capable model (issue 13): the verifier on drafts written by hand the
way a capable model writes, through the whole answer pipeline.

    .venv/bin/python evals/replay_eval.py [--list dev]

For each question of `replays.yaml` a scripted backend returns the hand-written draft
(faithful paraphrases and planted errors, each ending with its passage number); the bot
answers as always (`debatebot.evaluation.replay`). Reported, dev and test side by side: the
share of faithful sentences shown as the model's (`origin == "model"`), and the planted
errors shown (the target is none), by kind. `--list dev` prints each dev sentence shown or
dropped wrongly, with the reason; the test split is never listed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from debatebot.backends import ScriptedBackend
from debatebot.bot import DebateBot
from debatebot.evaluation import replay
from debatebot.settings import Settings

REPLAYS = Path(__file__).with_name("replays.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", choices=["dev"], help="list the dev sentences shown wrongly")
    args = parser.parse_args()
    replays = yaml.safe_load(REPLAYS.read_text(encoding="utf-8"))["replays"]
    model = ScriptedBackend()
    counts, lines = replay(DebateBot(Settings(), backend=model), model, replays, args.list)
    print("\n".join(lines))
    kinds = sorted({key for _, key in counts if key.startswith("  ")})
    print(f"\n{len(replays)} replays; share of sentences")
    print(f"{'':<22} {'dev':>14} {'test':>14}")
    for group in ("faithful shown", "planted error shown", *kinds):
        cells = []
        for split in ("dev", "test"):
            hit, total = counts.get((split, group), [0, 0])
            cells.append(f"{hit}/{total} {hit / total:.0%}" if total else "")
        print(f"{group:<22} {cells[0]:>14} {cells[1]:>14}")


if __name__ == "__main__":
    main()
