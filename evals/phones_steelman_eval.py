"""Steelman on the second motion (evals/phones_steelman.yaml, the three documents of
examples/phones/sources/): evidence hit and the claim's side told right (issue 12).

    .venv/bin/python evals/phones_steelman_eval.py [--list]

The case is built as `DebateBot.steelman` builds it, with a scripted backend that writes no
draft: the picked source sentences alone are scored (the embedded model's sentences cite the
same units). The index is built in a scratch folder.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import yaml

from debatebot.backends import ScriptedBackend
from debatebot.bot import DebateBot
from debatebot.evaluation import Case, selection_hit
from debatebot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = Path(__file__).with_name("phones_steelman.yaml")
SOURCES = ROOT / "examples" / "phones" / "sources"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each claim and its case")
    args = parser.parse_args()
    claims = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))["claims"]
    with tempfile.TemporaryDirectory(prefix="phones-") as scratch:
        shutil.copytree(SOURCES, Path(scratch) / "sources")
        bot = DebateBot(
            Settings(index_dir=Path(scratch), chroma_host=None), backend=ScriptedBackend()
        )
        hits = sides = 0
        for row in claims:
            answer = bot.steelman(row["claim"])
            case = Case(kind="steelman", claim=row["claim"], evidence=row["evidence"])
            hit = selection_hit(case, answer.citations, bot.source_text)
            side = answer.claim_side == row["claim_side"]
            hits, sides = hits + hit, sides + side
            if args.list:
                mark = f"{'hit ' if hit else 'miss'} side {'ok   ' if side else 'wrong'}"
                print(f"{mark} {row['claim']}")
                for c in answer.citations:
                    print(f"      {c.source}: {c.quote[:100]}")
    n = len(claims)
    print(f"evidence hit {hits}/{n}   claim side {sides}/{n}")


if __name__ == "__main__":
    main()
