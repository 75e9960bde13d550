"""A test server that speaks Ollama's HTTP API, serving the real embedded GGUF model or a
scripted reply, and failing on demand the ways a real server fails.

No Ollama binary can be installed here, so the Ollama backend is tested through the official
`ollama` client against this: real HTTP on loopback, Ollama's wire format (NDJSON streamed
with chunked transfer encoding for /api/chat; /api/tags, /api/show, /api/version, the blob and
create calls that `debatebot models register` makes, and `{"error": ...}` bodies with 404 for
unknown models), and real tokens from llama.cpp when given a model file.

    with FakeOllama(model_path) as server: ...          # the real model
    with FakeOllama(reply="One. Two.") as server: ...    # scripted, no model loaded
    server.fail("hang_mid_stream")                        # the next /api/chat fails so
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FAULTS = (
    "hang_before_headers",  # accepts the request, never answers
    "hang_mid_stream",  # sends two pieces, then nothing
    "http_500",  # {"error": ...} with 500, as when the runner crashes
    "http_503",  # {"error": "server busy ..."} with 503, as when OLLAMA_MAX_QUEUE is full
    "malformed_line",  # a piece, then a line that is not JSON
    "disconnect_mid_stream",  # a piece, then the socket closes without the last chunk
)


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class FakeOllama:
    """`with FakeOllama(...) as server:` then use `server.url`."""

    def __init__(
        self,
        model_path: Path | None = None,
        name: str = "smollm2:135m",
        n_ctx: int = 2048,
        reply: str = "A scripted reply. It has two sentences.",
        piece_delay: float = 0.0,
        address: tuple[str, int] = ("127.0.0.1", 0),
    ):
        self.name = name
        self.n_ctx = n_ctx
        self.reply = reply  # used when no model is loaded
        self.piece_delay = piece_delay  # seconds between scripted pieces
        self.llama = None
        self.size = 0
        if model_path is not None:
            from llama_cpp import Llama

            self.llama = Llama(str(model_path), n_ctx=n_ctx, verbose=False)
            self.size = Path(model_path).stat().st_size
        self.models: dict[str, dict[str, Any]] = {name: {"template": "", "parameters": {}}}
        self.blobs: dict[str, int] = {}  # digest -> size received
        self.lock = threading.Lock()
        self.requests: list[str] = []  # paths served, for tests to inspect
        self.bodies: list[dict[str, Any]] = []  # JSON bodies of POSTs
        self.cancelled = 0  # streams the client closed before the end
        self.faults: list[str] = []  # faults for the next /api/chat requests, in order
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(address, self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, fault: str) -> None:
        """Make the next /api/chat request fail with `fault` (one of FAULTS)."""
        assert fault in FAULTS, fault
        self.faults.append(fault)

    def __enter__(self) -> FakeOllama:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()  # wakes any hanging handler
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                server.requests.append(self.path)
                if self.path == "/api/tags":
                    self._json(200, {"models": [server._model_entry(n) for n in server.models]})
                elif self.path == "/api/version":
                    self._json(200, {"version": "0.6.0"})
                else:
                    self._json(404, {"error": "not found"})

            def do_HEAD(self) -> None:
                server.requests.append(self.path)
                digest = self.path.rsplit("/", 1)[-1]
                self.send_response(200 if digest in server.blobs else 404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                server.requests.append(self.path)
                if self.path.startswith("/api/blobs/"):
                    self._blob(self.path.rsplit("/", 1)[-1])
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.bodies.append(body)
                if self.path == "/api/create":
                    self._create(body)
                elif self.path not in ("/api/chat", "/api/show"):
                    self._json(404, {"error": "not found"})
                elif body.get("model") not in server.models:
                    self._json(404, {"error": f"model '{body.get('model')}' not found"})
                elif self.path == "/api/show":
                    self._json(200, server._show(body["model"]))
                elif server.faults:
                    # the client may give up first, as it should
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self._fault(server.faults.pop(0), body)
                elif body.get("stream", True):
                    self._stream_chat(body)
                else:
                    content = "".join(server._generate(body))
                    self._json(200, server._final(body, content))

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _blob(self, digest: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                sha, left = hashlib.sha256(), length
                while left > 0:
                    chunk = self.rfile.read(min(left, 1 << 20))
                    if not chunk:
                        break
                    sha.update(chunk)
                    left -= len(chunk)
                if f"sha256:{sha.hexdigest()}" != digest:
                    self._json(400, {"error": "digest mismatch"})
                    return
                server.blobs[digest] = length
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _create(self, body: dict[str, Any]) -> None:
                files = body.get("files") or {}
                missing = [d for d in files.values() if d not in server.blobs]
                if not files or missing:
                    self._json(400, {"error": f"blobs not uploaded: {missing}"})
                    return
                server.models[body["model"]] = {
                    "template": body.get("template", ""),
                    "parameters": body.get("parameters") or {},
                }
                self._json(200, {"status": "success"})

            def _start_stream(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()

            def _stream_chat(self, body: dict[str, Any]) -> None:
                self._start_stream()
                try:
                    for piece in server._generate(body):
                        self._chunk(server._delta(body, piece))
                    self._chunk(server._final(body, ""))
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    server.cancelled += 1  # the client closed the stream: stop generating

            def _fault(self, fault: str, body: dict[str, Any]) -> None:
                if fault == "hang_before_headers":
                    server.stopping.wait(60)
                elif fault in ("http_500", "http_503"):
                    message = {
                        "http_500": "llama runner process has terminated: exit status 2",
                        "http_503": "server busy, please try again.  maximum pending requests "
                        "exceeded",
                    }[fault]
                    self._json(int(fault[-3:]), {"error": message})
                    return
                self._start_stream()
                pieces = server._generate(body)
                self._chunk(server._delta(body, next(pieces)))
                if fault == "hang_mid_stream":
                    self._chunk(server._delta(body, next(pieces)))
                    server.stopping.wait(60)
                elif fault == "malformed_line":
                    line = b'{"model": "broken\n'
                    self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                # disconnect_mid_stream: end the handler without the last chunk
                self.close_connection = True

            def _chunk(self, payload: dict[str, Any]) -> None:
                line = json.dumps(payload).encode() + b"\n"
                self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
                self.wfile.flush()

        return Handler

    def _generate(self, body: dict[str, Any]) -> Iterator[str]:
        if self.llama is None:
            for word in self.reply.split(" "):
                if self.piece_delay:
                    time.sleep(self.piece_delay)
                yield word + " "
            return
        options = body.get("options") or {}
        with self.lock:  # llama.cpp is not thread-safe
            stream = self.llama.create_chat_completion(
                messages=body["messages"],
                stream=True,
                temperature=float(options.get("temperature", 0.8)),
                max_tokens=int(options.get("num_predict", 128)),
            )
            for chunk in stream:
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def _delta(self, body: dict[str, Any], piece: str) -> dict[str, Any]:
        return {
            "model": body["model"],
            "created_at": _now(),
            "message": {"role": "assistant", "content": piece},
            "done": False,
        }

    def _final(self, body: dict[str, Any], content: str) -> dict[str, Any]:
        return {
            "model": body["model"],
            "created_at": _now(),
            "message": {"role": "assistant", "content": content},
            "done": True,
            "done_reason": "stop",
            "total_duration": 1,
            "load_duration": 1,
            "prompt_eval_count": 1,
            "prompt_eval_duration": 1,
            "eval_count": 1,
            "eval_duration": 1,
        }

    def _details(self) -> dict[str, Any]:
        return {
            "parent_model": "",
            "format": "gguf",
            "family": "llama",
            "families": ["llama"],
            "parameter_size": "135M",
            "quantization_level": "Q4_1",
        }

    def _model_entry(self, name: str) -> dict[str, Any]:
        return {
            "name": name,
            "model": name,
            "modified_at": _now(),
            "size": self.size,
            "digest": "0" * 64,
            "details": self._details(),
        }

    def _show(self, name: str) -> dict[str, Any]:
        return {
            "modelfile": "",
            "parameters": "",
            "template": self.models[name]["template"],
            "details": self._details(),
            "model_info": {"general.architecture": "llama", "llama.context_length": self.n_ctx},
            "capabilities": ["completion"],
            "modified_at": _now(),
        }


if __name__ == "__main__":  # stands in for the `ollama` image in deploy/compose.podman.yml
    import argparse

    parser = argparse.ArgumentParser(description="an Ollama-protocol test server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11434)
    parser.add_argument("--model", type=Path, help="a GGUF file (default: a scripted reply)")
    args = parser.parse_args()
    with FakeOllama(args.model, address=(args.host, args.port)) as served:
        print(f"Ollama-protocol test server on {served.url}", flush=True)
        served.stopping.wait()
