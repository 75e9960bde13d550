"""A test server that speaks Ollama's HTTP API and serves the real embedded GGUF model.

No Ollama binary can be installed here, so the Ollama backend is tested through the official
`ollama` client against this: real HTTP on loopback, Ollama's wire format (NDJSON streamed
with chunked transfer encoding for /api/chat, /api/tags, /api/show, /api/version, and
`{"error": ...}` bodies with 404 for unknown models), and real tokens from llama.cpp.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from llama_cpp import Llama


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class FakeOllama:
    """`with FakeOllama(model_path, name) as server:` then use `server.url`."""

    def __init__(self, model_path: Path, name: str = "smollm2:135m", n_ctx: int = 2048):
        self.name = name
        self.n_ctx = n_ctx
        self.llama = Llama(str(model_path), n_ctx=n_ctx, verbose=False)
        self.lock = threading.Lock()
        self.requests: list[str] = []  # paths served, for tests to inspect
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeOllama:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
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
                    self._json(200, {"models": [server._model_entry()]})
                elif self.path == "/api/version":
                    self._json(200, {"version": "0.6.0"})
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                server.requests.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path not in ("/api/chat", "/api/show"):
                    self._json(404, {"error": "not found"})
                elif body.get("model") != server.name:
                    self._json(404, {"error": f"model '{body.get('model')}' not found"})
                elif self.path == "/api/show":
                    self._json(200, server._show())
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

            def _stream_chat(self, body: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for piece in server._generate(body):
                    self._chunk(server._delta(piece))
                self._chunk(server._final(body, ""))
                self.wfile.write(b"0\r\n\r\n")

            def _chunk(self, payload: dict[str, Any]) -> None:
                line = json.dumps(payload).encode() + b"\n"
                self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
                self.wfile.flush()

        return Handler

    def _generate(self, body: dict[str, Any]):  # -> Iterator[str]
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

    def _delta(self, piece: str) -> dict[str, Any]:
        return {
            "model": self.name,
            "created_at": _now(),
            "message": {"role": "assistant", "content": piece},
            "done": False,
        }

    def _final(self, body: dict[str, Any], content: str) -> dict[str, Any]:
        return {
            "model": self.name,
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

    def _model_entry(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model": self.name,
            "modified_at": _now(),
            "size": Path(self.llama.model_path).stat().st_size,
            "digest": "0" * 64,
            "details": self._details(),
        }

    def _show(self) -> dict[str, Any]:
        return {
            "modelfile": "",
            "parameters": "",
            "template": "",
            "details": self._details(),
            "model_info": {"general.architecture": "llama", "llama.context_length": self.n_ctx},
            "capabilities": ["completion"],
            "modified_at": _now(),
        }
