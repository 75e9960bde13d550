"""`debatebot bench`: how fast and lean debatebot is, next to the bare model, on this machine.

Each figure is the median of `runs` runs, with min and max. The bare baseline is a second
`llama_cpp.Llama` over the same GGUF file, with the same threads, fed the same prompt string
(the bot's messages through the GGUF's chat template) and asked for the same number of
tokens. The KV cache is reset before every generation on both sides, so each one pays its
full prefill (llama-cpp-python would otherwise reuse the longest common prompt prefix).
What each figure means: README, "Benchmarks".
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ConfigError
from .settings import Settings

QUESTION = "How many GPUs does Stanford's NLP lab have?"
# decode speed is measured on a reply of up to `max_tokens` to this
LONG = [{"role": "user", "content": "Write a long essay about why public libraries matter."}]
TARGETS = {  # figure: (comparison, goal) — goals from the issue, not assertions
    "overhead_ratio": ("<=", 1.10),
    "ask_ttft_ms": ("<=", 1200.0),
    "non_model_ttft_ms": ("<=", 100.0),
    "decode_vs_bare": (">=", 0.92),
    "retrieval_p50_essays_ms": ("<=", 15.0),
    "retrieval_p50_synthetic_ms": ("<=", 50.0),
    "ingest_vs_bare": (">=", 0.8),
    "cold_start_ttft_s": ("<=", 5.0),
    "peak_rss_mb": ("<=", 1536.0),
}


def spread(values: Sequence[float]) -> dict[str, float]:
    """Median, min and max of a figure's runs."""
    return {
        "median": round(statistics.median(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
        "runs": len(values),
    }


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


class Bench:
    """Runs every measurement; `run()` returns the figures as a JSON-ready dict."""

    def __init__(
        self,
        settings: Settings,
        runs: int = 5,
        synthetic_chunks: int = 100_000,
        progress: Callable[[str], None] = lambda _: None,
    ):
        self.settings = settings
        self.runs = runs
        self.synthetic_chunks = synthetic_chunks
        self.say = progress

    def run(self) -> dict[str, Any]:
        from .bot import DebateBot

        if self.settings.backend != "llamacpp":
            raise ConfigError("debatebot bench measures the embedded default (llamacpp).")
        started = time.perf_counter()
        self.say("loading debatebot")
        bot = DebateBot(self.settings)
        figures: dict[str, Any] = {}
        figures.update(self.generation(bot))
        figures.update(self.bandwidth(figures["bare_decode_tok_s"]["median"]))
        figures.update(self.retrieval(bot))
        figures.update(self.synthetic_retrieval(bot))
        figures.update(self.ingestion(bot))
        figures.update(self.cold_start())
        return {
            "environment": environment(self.settings),
            "figures": figures,
            "targets": check_targets(figures),
            "seconds": round(time.perf_counter() - started, 1),
        }

    # --- generation --------------------------------------------------------------------

    def generation(self, bot: Any) -> dict[str, Any]:
        """End-to-end ask vs our backend vs bare llama-cpp-python on the same prompt."""
        from llama_cpp import Llama
        from llama_index.core.llms import ChatMessage

        from .backends import chat_template
        from .pipeline import draft_messages, retrieve, select, understand

        backend = bot.backend
        query = understand(QUESTION, bot.sources)
        selection = select(query, retrieve(query, bot.sources), bot.sources)
        messages = draft_messages(selection, bot.sources)
        model_path = self.settings.model_path or _default_model()
        bare = Llama(
            str(model_path),
            n_ctx=self.settings.n_ctx,
            n_threads=self.settings.n_threads,
            n_threads_batch=self.settings.n_threads,
            verbose=False,
        )
        prompt = chat_template(bare)([ChatMessage(**m) for m in messages])
        prompt_tokens = len(bare.tokenize(prompt.encode("utf-8"), special=True))
        long_prompt = chat_template(bare)([ChatMessage(**m) for m in LONG])
        long_tokens = 0
        ask_total, ask_ttft, bare_total, bare_ttft = [], [], [], []
        ours_decode, bare_decode, bare_prefill, ours_ttft = [], [], [], []
        tokens = 0
        for i in range(self.runs + 1):  # the first run warms up, and is not counted
            self.say(f"generation run {i}/{self.runs}")
            backend.llama.reset()
            t0 = time.perf_counter()
            stamps = _stamps(p for p in bot.ask_stream(QUESTION) if isinstance(p, str))
            answered = time.perf_counter()
            draft = "".join(p for _, p, _ in stamps)
            tokens = len(bare.tokenize(draft.encode("utf-8"), add_bos=False, special=True))
            backend.llama.reset()
            ours = _stamps(backend.stream(messages))
            bare.reset()
            b0 = time.perf_counter()
            stream = bare(prompt, max_tokens=tokens, temperature=0.0, stream=True)
            theirs = _stamps(chunk["choices"][0]["text"] for chunk in stream)  # type: ignore[index,union-attr]
            if i == 0:
                continue
            ask_total.append(answered - t0)
            ask_ttft.append(stamps[0][0] - t0)
            bare_total.append(theirs[-1][0] - b0)
            bare_ttft.append(theirs[0][0] - b0)
            bare_prefill.append(prompt_tokens / (theirs[0][0] - b0))
            ours_ttft.append(ours[0][0] - ours[0][2])
            # decode on a long reply (an answer here is a few tokens): ours, then bare
            backend.llama.reset()
            ours_long = _stamps(backend.stream(LONG))
            long_tokens = len(ours_long)
            bare.reset()
            stream = bare(long_prompt, max_tokens=long_tokens, temperature=0.0, stream=True)
            bare_long = _stamps(chunk["choices"][0]["text"] for chunk in stream)  # type: ignore[index,union-attr]
            ours_decode.append(_decode_rate(ours_long))
            bare_decode.append(_decode_rate(bare_long))
        # the parts of an answer that are not the model, each timed on its own
        non_model = self._non_model(bot)
        return {
            "prompt_tokens": prompt_tokens,
            "output_tokens": tokens,
            "decode_tokens": long_tokens,
            "threads": self.settings.n_threads,
            "llama_cpp_default_threads": max(1, (os.cpu_count() or 2) // 2),
            "ask_total_s": spread(ask_total),
            "bare_total_s": spread(bare_total),
            "overhead_ratio": spread([a / b for a, b in zip(ask_total, bare_total, strict=True)]),
            "ask_ttft_ms": spread([1000 * t for t in ask_ttft]),
            "bare_ttft_ms": spread([1000 * t for t in bare_ttft]),
            "non_model_ttft_ms": spread(
                [1000 * (a - b) for a, b in zip(ask_ttft, bare_ttft, strict=True)]
            ),
            **non_model,
            "bare_prefill_tok_s": spread(bare_prefill),
            "ours_prefill_tok_s": spread([prompt_tokens / t for t in ours_ttft]),
            "bare_decode_tok_s": spread(bare_decode),
            "ours_decode_tok_s": spread(ours_decode),
            "decode_vs_bare": spread(
                [a / b for a, b in zip(ours_decode, bare_decode, strict=True)]
            ),
        }

    def _non_model(self, bot: Any) -> dict[str, Any]:
        """The stages that are not the model (pipeline.py), each timed on its own."""
        from .pipeline import compose, draft_messages, retrieve, select, understand, verify

        s = bot.sources
        understood, retrieved, selected, prompt, check = [], [], [], [], []
        draft = "Stanford's NLP lab has only 64 GPUs [1]. Academia is falling off a cliff [2]."
        query = understand(QUESTION, s)
        pools = retrieve(query, s)
        selection = select(query, pools, s)

        def checked() -> None:
            kept, dropped = verify(draft, selection, s)
            compose(selection, kept, dropped, draft, s)

        for _ in range(max(self.runs, 5)):
            understood.append(_ms(lambda: understand(QUESTION, s)))
            retrieved.append(_ms(lambda: retrieve(query, s)))
            selected.append(_ms(lambda: select(query, pools, s)))
            prompt.append(_ms(lambda: draft_messages(selection, s)))
            check.append(_ms(checked))
        return {
            "understand_ms": spread(understood),
            "retrieve_ms": spread(retrieved),
            "select_ms": spread(selected),
            "prompt_build_ms": spread(prompt),
            "check_ms": spread(check),
        }

    # --- the hardware's limit ----------------------------------------------------------

    def bandwidth(self, bare_decode: float) -> dict[str, Any]:
        """Copy bandwidth (read + write), and the decode speed it allows for this model:
        every weight is read once per generated token."""
        size = 256 * 2**20
        a = np.ones(size // 8)
        b = np.empty_like(a)
        np.copyto(b, a)  # fault the pages in first
        rates = []
        for _ in range(max(self.runs, 3)):
            t = time.perf_counter()
            np.copyto(b, a)
            rates.append(2 * size / (time.perf_counter() - t) / 1e9)
        model_bytes = Path(self.settings.model_path or _default_model()).stat().st_size
        best = max(rates)
        ceiling = best * 1e9 / model_bytes
        return {
            "copy_bandwidth_gb_s": spread(rates),
            "model_bytes": model_bytes,
            "decode_ceiling_tok_s": round(ceiling, 1),
            "bare_decode_of_ceiling": round(bare_decode / ceiling, 3),
        }

    # --- retrieval -----------------------------------------------------------------------

    def retrieval(self, bot: Any) -> dict[str, Any]:
        questions = _questions()
        bot.retriever.retrieve(questions[0])  # warm
        times = [
            _ms(partial(bot.retriever.retrieve, q)) for _ in range(self.runs) for q in questions
        ]
        return {
            "retrieval_essays_chunks": len(bot.retriever.nodes),
            "retrieval_p50_essays_ms": round(percentile(times, 50), 2),
            "retrieval_p95_essays_ms": round(percentile(times, 95), 2),
        }

    def synthetic_retrieval(self, bot: Any) -> dict[str, Any]:
        """The same hybrid retriever over `synthetic_chunks` generated chunks (seeded)."""
        from .retrieval import HybridRetriever
        from .store import Store

        n = self.synthetic_chunks
        with tempfile.TemporaryDirectory(prefix="debatebot-bench-") as tmp:
            settings = Settings(index_dir=Path(tmp), collection="synthetic")
            store = Store.from_settings(settings, "synthetic-random-unit-vectors")
            self.say(f"writing {n} synthetic chunks")
            t = time.perf_counter()
            store.upsert(list(synthetic_nodes(n, bot.retriever.nodes)))
            write_s = time.perf_counter() - t
            t = time.perf_counter()
            retriever = HybridRetriever(
                store, bot.sources.embedder, self.settings.top_k, self.settings.candidate_k
            )
            build_s = time.perf_counter() - t
            questions = _questions()
            retriever.retrieve(questions[0])
            times = [
                _ms(partial(retriever.retrieve, q)) for _ in range(self.runs) for q in questions
            ]
        return {
            "synthetic_chunks": n,
            "synthetic_write_s": round(write_s, 1),
            "synthetic_bm25_build_s": round(build_s, 1),
            "retrieval_p50_synthetic_ms": round(percentile(times, 50), 2),
            "retrieval_p95_synthetic_ms": round(percentile(times, 95), 2),
        }

    # --- ingestion ---------------------------------------------------------------------

    def ingestion(self, bot: Any) -> dict[str, Any]:
        """Chunks/s of a full sync into an empty store vs embedding the same texts bare."""
        from .chunking import chunk_document
        from .ingest import sync
        from .store import Store

        texts = [
            c.text
            for d in bot.sources.corpus.documents()
            for c in chunk_document(d, self.settings.chunk_size, self.settings.chunk_overlap)
        ]
        model = bot.sources.embedder.small()  # the bare baseline: the model, no store
        ours, bare = [], []
        for i in range(self.runs):
            self.say(f"ingestion run {i + 1}/{self.runs}")
            with tempfile.TemporaryDirectory(prefix="debatebot-bench-") as tmp:
                store = Store.from_settings(Settings(index_dir=Path(tmp)), "bench")
                t = time.perf_counter()
                sync(
                    bot.sources.corpus,
                    store,
                    bot.sources.embedder,
                    self.settings.chunk_size,
                    self.settings.chunk_overlap,
                )
                ours.append(len(texts) / (time.perf_counter() - t))
            t = time.perf_counter()
            model.embed(texts)
            bare.append(len(texts) / (time.perf_counter() - t))
        return {
            "ingest_chunks": len(texts),
            "ingest_chunks_s": spread(ours),
            "bare_embed_chunks_s": spread(bare),
            "ingest_vs_bare": spread([a / b for a, b in zip(ours, bare, strict=True)]),
        }

    # --- a fresh process -----------------------------------------------------------------

    def cold_start(self) -> dict[str, Any]:
        """A new process doing what `debatebot ask` does (imports, index sync, model load,
        retrieval, generation): seconds from spawning it to the first token, and the peak
        resident memory of the whole answer."""
        code = (
            "from debatebot.bot import DebateBot\n"
            "bot = DebateBot()\n"
            "first = True\n"
            f"for piece in bot.ask_stream({QUESTION!r}):\n"
            "    if first:\n"
            "        print('first token', flush=True)\n"
            "        first = False\n"
            # VmHWM is this process's own peak; ru_maxrss would count the parent's pages
            # inherited at fork, before exec
            "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
        )
        first, rss = [], []
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "DEBATEBOT_INDEX_DIR": str(self.settings.index_dir),
        }
        for i in range(self.runs):
            self.say(f"cold start run {i + 1}/{self.runs}")
            t = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
            )
            assert proc.stdout is not None
            proc.stdout.readline()
            first.append(time.perf_counter() - t)
            peak_kib = proc.stdout.read().split()[-1]
            if proc.wait() != 0:
                raise RuntimeError("the cold-start process failed")
            rss.append(int(peak_kib) / 1024)
        return {"cold_start_ttft_s": spread(first), "peak_rss_mb": spread(rss)}


def synthetic_nodes(n: int, real: Sequence[Any], dim: int = 384) -> Iterator[Any]:
    """`n` chunks of text drawn (seeded) from the real chunks' words, with random unit
    vectors: realistic for BM25 and for the vector index's size, not for meaning."""
    from llama_index.core.schema import TextNode

    vocabulary = sorted({w for node in real for w in node.get_content().split()})
    rng = random.Random(0)
    vectors = np.random.default_rng(0).standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for i in range(n):
        text = " ".join(rng.choices(vocabulary, k=120))
        yield TextNode(
            id_=f"synthetic-{i}",
            text=text,
            embedding=vectors[i].tolist(),
            metadata={
                "source": f"synthetic-{i // 100}.txt",
                "label": "synthetic",
                "paragraph": i % 100 + 1,
                "start": 0,
                "end": len(text),
            },
        )


def check_targets(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for name, (op, goal) in TARGETS.items():
        value = figures[name]["median"] if isinstance(figures[name], dict) else figures[name]
        met = value <= goal if op == "<=" else value >= goal
        out[name] = {"value": value, "goal": f"{op} {goal}", "met": met}
    return out


def table(result: dict[str, Any]) -> str:
    """The figures as a Markdown table: median (min–max), and the target when there is one."""
    lines = ["| figure | median | min – max | target |", "| --- | --- | --- | --- |"]
    targets = result["targets"]
    for name, value in result["figures"].items():
        if isinstance(value, dict):
            cells = [f"{value['median']:g}", f"{value['min']:g} – {value['max']:g}"]
        else:
            cells = [f"{value:g}" if isinstance(value, float) else str(value), ""]
        goal = ""
        if name in targets:
            goal = f"{targets[name]['goal']} {'✓' if targets[name]['met'] else '✗'}"
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {goal} |")
    return "\n".join(lines)


def environment(settings: Settings) -> dict[str, Any]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    packages = ["llama_cpp_python", "llama-index-core", "chromadb", "numpy"]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "threads": settings.n_threads,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {p: version(p) for p in packages},
        "backend": settings.backend,
        "model": str(settings.model_path or _default_model()),
        "n_ctx": settings.n_ctx,
        "max_tokens": settings.max_tokens,
    }


def _stamps(pieces: Iterator[str]) -> list[tuple[float, str, float]]:
    """(time, piece, start) for each piece of a stream."""
    start = time.perf_counter()
    return [(time.perf_counter(), p, start) for p in pieces if p]


def _decode_rate(stamps: list[tuple[float, str, float]]) -> float:
    """Tokens per second after the first (one piece is one token in both streams)."""
    if len(stamps) < 2:
        return 0.0
    return (len(stamps) - 1) / (stamps[-1][0] - stamps[0][0])


def _ms(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - t)


def _questions() -> list[str]:
    import yaml

    from .settings import REPO_ROOT

    path = REPO_ROOT / "evals" / "dataset.yaml"
    if not path.is_file():  # an installed wheel has no evals/
        return [QUESTION]
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return [c["question"] for c in cases if c.get("question")]


def _default_model() -> Path:
    from .backends import default_model_path

    return default_model_path()
