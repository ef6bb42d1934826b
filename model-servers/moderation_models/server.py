"""The HTTP face of a model: GET /health and POST /predict, the same for every model.

Bad input gets a clear answer, never a 500: 422 with ``{"error": "invalid_request", "detail": ...}``
for a malformed body, wrong types, an empty list, an empty text or one over 10,000 characters;
413 with ``{"error": "too_many_texts" | "body_too_large", ...}`` for more than 64 texts or a body
over 1 MiB, refused as soon as it is known to be too large (from Content-Length, or once a chunked body passes the
limit), without reading the rest; the connection is then closed. JSON nested too deeply to parse is a 422.

Each request is logged as one line on stdout (the Aspire dashboard shows it as the resource's console log) with
its W3C trace id, so a slow or failed prediction can be found next to FilterApi's trace; never the texts.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Protocol

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

MAX_TEXTS = 64
MAX_CHARS = 10_000
MAX_BODY_BYTES = 1 << 20

# version-traceid-parentid-flags (https://www.w3.org/TR/trace-context/#traceparent-header); an all-zero id is invalid.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
_NO_TRACE_ID = "0" * 32


class Predictor(Protocol):
    def __call__(self, texts: list[str]) -> list[dict]: ...


class BadRequest(Exception):
    def __init__(self, status: int, error: str, detail: str):
        super().__init__(detail)
        self.status, self.error, self.detail = status, error, detail


def parse_texts(body: bytes) -> list[str]:
    """The ``texts`` of a /predict body, or BadRequest saying what is wrong with it."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BadRequest(422, "invalid_request", f"the body is not valid JSON: {e}") from None
    except RecursionError:
        raise BadRequest(422, "invalid_request", "the body is nested too deeply to be a /predict request") from None
    if not isinstance(payload, dict) or "texts" not in payload:
        raise BadRequest(422, "invalid_request", 'the body must be a JSON object with "texts": a list of strings')
    texts = payload["texts"]
    if not isinstance(texts, list):
        raise BadRequest(422, "invalid_request", '"texts" must be a list of strings')
    if not texts:
        raise BadRequest(422, "invalid_request", '"texts" is empty: send 1 to 64 texts')
    if len(texts) > MAX_TEXTS:
        raise BadRequest(413, "too_many_texts", f'"texts" has {len(texts)} items; at most {MAX_TEXTS} per request')
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise BadRequest(422, "invalid_request", f"texts[{i}] must be a string, not {type(text).__name__}")
        if not text.strip():
            raise BadRequest(422, "invalid_request", f"texts[{i}] is empty")
        if len(text) > MAX_CHARS:
            raise BadRequest(422, "invalid_request", f"texts[{i}] has {len(text)} characters; at most {MAX_CHARS}")
    return texts


def create_app(name: str, folder: Path, load: Callable[[Path], Predictor], serialise: bool = False) -> FastAPI:
    """The app for one model, loaded and warmed once here so that /health answers as soon as the port opens.

    ``serialise`` runs one batch at a time: torch already spreads a batch over every core, and
    concurrent batches would only fight over them.
    """
    started = time.time()
    predictor = load(folder)
    # The first prediction pays for lazy set-up (torch's kernels and thread pool, fastText's buffers): pay it here,
    # before the port opens, so the first caller is not the one that times out.
    predictor(["warm-up"])
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    load_seconds = round(time.time() - started, 3)
    lock = threading.Lock() if serialise else None
    app = FastAPI(title=f"{name} model server", version="1.0")
    app.add_middleware(RequestLog, logger=request_logger(name))

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model": name, "thresholds": meta["thresholds"], "load_seconds": load_seconds}

    @app.post("/predict")
    async def predict(request: Request) -> JSONResponse:
        try:
            texts = parse_texts(await _read_bounded(request))
            request.state.texts = len(texts)
        except BadRequest as e:
            # A body refused unread cannot leave the connection reusable: say so, and uvicorn closes it.
            headers = {"Connection": "close"} if e.error == "body_too_large" else None
            return JSONResponse({"error": e.error, "detail": e.detail}, status_code=e.status, headers=headers)
        return JSONResponse({"model": name, "results": await _run(predictor, texts, lock)})

    return app


def trace_id(traceparent: str | None) -> str | None:
    """The trace id of a W3C ``traceparent`` header, or None when there is none or it is malformed."""
    match = _TRACEPARENT.match((traceparent or "").strip().lower())
    return match.group(1) if match and match.group(1) != _NO_TRACE_ID else None


def request_logger(name: str) -> logging.Logger:
    """The logger of one model's request lines, writing to stdout whatever uvicorn's own log level is."""
    logger = logging.getLogger(f"moderation_models.requests.{name}")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


class RequestLog:
    """ASGI middleware: one line per HTTP request with method, path, status, duration, the number of texts (never the
    texts themselves) and the caller's trace id from ``traceparent``."""

    def __init__(self, app, logger: logging.Logger):
        self.app, self.logger = app, logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees if the app fails before it answers
        state = scope.setdefault("state", {})

        async def send_and_note_status(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            headers = dict(scope.get("headers") or [])
            traceparent = headers.get(b"traceparent", b"").decode("latin-1")
            texts = state.get("texts")
            self.logger.info(
                "%s %s %d %.1f ms%s trace_id=%s",
                scope.get("method", "-"), scope.get("path", "-"), status, (time.perf_counter() - started) * 1000,
                "" if texts is None else f" texts={texts}", trace_id(traceparent) or "-")


async def _read_bounded(request: Request) -> bytes:
    """The body, or BadRequest(413) as soon as it is known to pass the limit: from its Content-Length before a
    byte is read, or, for a chunked body, at the chunk that passes it. The rest is never read, so a client cannot
    make the server read (or wait for) gigabytes."""
    too_large = BadRequest(413, "body_too_large", f"the body is over {MAX_BODY_BYTES} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def _run(predictor: Predictor, texts: list[str], lock: threading.Lock | None) -> list[dict]:
    def call() -> list[dict]:
        if lock is None:
            return predictor(texts)
        with lock:
            return predictor(texts)

    return await run_in_threadpool(call)
