"""Writing an eval run down: a Markdown report, the same figures as JSON, and a bar chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .evaluation import KINDS, Ratio, Report

SPLITS = ["dev", "test"]


def _cell(r: Ratio | None, counts: bool = True) -> str:
    if not r or not r.total:
        return ""
    return f"{r.value:.0%} ({r.hits}/{r.total})" if counts else f"{r.value:.0%}"


def table(report: Report, thresholds: dict[str, float]) -> str:
    """The figures as Markdown: each metric on dev and test side by side (and the threshold),
    then evidence hit and answered share by kind of question, dev and test."""
    splits = [s for s in SPLITS if s in report.by_split]
    head = ["metric", *splits, "all", "threshold"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, ratio in report.metrics.items():
        cells = [name, *(_cell(report.by_split[s].get(name)) for s in splits), _cell(ratio)]
        least = thresholds.get(name)
        cells.append(f"≥ {least:.0%}" if least is not None else "")
        lines.append("| " + " | ".join(cells) + " |")
    kinds = [k for k in KINDS if k in report.by_kind]
    head = ["kind", *(f"evidence hit, {s}" for s in splits), *(f"answered, {s}" for s in splits)]
    lines += ["", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for kind in kinds:
        per = [report.by_split_kind.get(s, {}).get(kind, {}) for s in splits]
        cells = [kind, *(_cell(p.get("evidence_hit")) for p in per)]
        cells += [_cell(p.get("answered") or p.get("refusal_recall")) for p in per]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def steelman_overlap(report: Report) -> str:
    """For each split, the largest share of citations two different steelman claims have in
    common (of the smaller set), and how many pairs share the very same set: a steelman that
    answers the point gives different claims different evidence."""
    parts = []
    for split in SPLITS:
        sets = [
            {(c["source"], c["start"], c["end"]) for c in r["citations"]}
            for r in report.rows
            if r["kind"] == "steelman" and r["split"] == split and r["citations"]
        ]
        pairs = [(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :]]
        if not pairs:
            continue
        largest = max(len(a & b) / min(len(a), len(b)) for a, b in pairs)
        same = sum(a == b for a, b in pairs)
        parts.append(f"{split} {largest:.0%} ({same} identical of {len(pairs)} pairs)")
    return (
        "steelman citation overlap, largest between two claims: " + "; ".join(parts)
        if parts
        else ""
    )


def write(
    report: Report,
    out_dir: Path,
    stamp: str,
    thresholds: dict[str, float],
    meta: dict[str, Any],
) -> list[Path]:
    """`<stamp>.md`, `<stamp>.json` and `<stamp>.png` in `out_dir`; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js, png = (out_dir / f"{stamp}.{ext}" for ext in ("md", "json", "png"))
    failures = report.failures(thresholds)
    data = {
        **meta,
        "metrics": report.values(),
        "counts": {m: [r.hits, r.total] for m, r in report.metrics.items()},
        "by_kind": {
            k: {m: round(r.value, 4) for m, r in ms.items() if r.total}
            for k, ms in report.by_kind.items()
        },
        "by_split": {
            s: {m: [r.hits, r.total] for m, r in ms.items()} for s, ms in report.by_split.items()
        },
        "by_split_kind": {
            s: {k: {m: [r.hits, r.total] for m, r in ms.items()} for k, ms in kinds.items()}
            for s, kinds in report.by_split_kind.items()
        },
        "thresholds": thresholds,
        "failures": failures,
        "seconds": round(report.seconds, 1),
        # the test split is scored, never listed case by case (tune on dev only)
        "cases": [r for r in report.rows if r["split"] == "dev"],
    }
    js.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    chart(report, png)
    lines = [
        f"# Eval report {stamp}",
        "",
        f"- dataset: {meta.get('dataset', '')}, subset: {meta['subset']}, split: "
        f"{meta.get('split', 'all')} ({len(report.rows)} cases, {report.seconds:.0f} s)",
        f"- backend: {meta['backend']}, model: {meta['model']}",
        f"- judge: {meta['judge']} (accuracy on the judge set: {meta['judge_accuracy']:.0%})",
        f"- prompts: {', '.join(meta['prompt_versions'])}",
        f"- result: {'PASS' if not failures else 'FAIL: ' + '; '.join(failures)}",
        "",
        table(report, thresholds),
        "",
        steelman_overlap(report),
        "",
        f"![metrics by kind of case]({png.name})",
        "",
        "## Cases (dev split only: test cases are scored, never listed)",
        "",
    ]
    for row in (r for r in report.rows if r["split"] == "dev"):
        status = "refused" if row["refused"] else f"{len(row['citations'])} citations"
        lines.append(f"- **{row['kind']}** {row['prompt']} — {status}")
        lines.append(f"  > {row['text'][:400]}")
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [md, js, png]


def chart(report: Report, path: Path) -> None:
    """Per-metric bars, one colour per kind of case."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = list(report.metrics)
    kinds = [k for k in KINDS if k in report.by_kind]
    width = 0.8 / max(len(kinds), 1)
    fig, ax = plt.subplots(figsize=(max(8, len(metrics) * 1.2), 4.5))
    for i, kind in enumerate(kinds):
        values = [
            r.value if (r := report.by_kind[kind].get(m)) and r.total else 0.0 for m in metrics
        ]
        ax.bar([x + i * width for x in range(len(metrics))], values, width, label=kind)
    ax.set_xticks([x + width * (len(kinds) - 1) / 2 for x in range(len(metrics))])
    ax.set_xticklabels([m.replace("_", "\n") for m in metrics], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("debatebot eval: metrics by kind of case")
    ax.legend(fontsize=8, ncols=len(kinds))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
