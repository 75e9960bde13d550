"""Writing an eval run down: a Markdown report, the same figures as JSON, and a bar chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .evaluation import Report

KINDS = ["ask", "unanswerable", "adversarial", "argue", "steelman"]


def table(report: Report, thresholds: dict[str, float]) -> str:
    """The figures as a Markdown table: overall, by kind of case, and the threshold."""
    head = ["metric", "all", *KINDS, "threshold"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, ratio in report.metrics.items():
        cells = [name, f"{ratio.value:.0%} ({ratio.hits}/{ratio.total})"]
        for kind in KINDS:
            r = report.by_kind.get(kind, {}).get(name)
            cells.append(f"{r.value:.0%}" if r and r.total else "")
        least = thresholds.get(name)
        cells.append(f"≥ {least:.0%}" if least is not None else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


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
        "thresholds": thresholds,
        "failures": failures,
        "seconds": round(report.seconds, 1),
        "cases": report.rows,
    }
    js.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    chart(report, png)
    lines = [
        f"# Eval report {stamp}",
        "",
        f"- subset: {meta['subset']} ({len(report.rows)} cases, {report.seconds:.0f} s)",
        f"- backend: {meta['backend']}, model: {meta['model']}",
        f"- judge: {meta['judge']} (accuracy on the judge set: {meta['judge_accuracy']:.0%})",
        f"- prompts: {', '.join(meta['prompt_versions'])}",
        f"- result: {'PASS' if not failures else 'FAIL: ' + '; '.join(failures)}",
        "",
        table(report, thresholds),
        "",
        f"![metrics by kind of case]({png.name})",
        "",
        "## Cases",
        "",
    ]
    for row in report.rows:
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
