"""The model servers' request log: one line per request on stdout, with the caller's trace id and never a text."""
from __future__ import annotations

import asyncio
import json
import tempfile
import unittest
from pathlib import Path

from moderation_models.server import create_app, trace_id

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
SECRET_TEXT = "a text that must never reach a log"


def call(app, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> int:
    """Runs one request through the ASGI app in process and returns its status."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in {"content-type": "application/json", **(headers or {})}.items()],
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


class RequestLogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        Path(cls.folder.name, "meta.json").write_text(json.dumps({"thresholds": {"ko": 0.5, "en": 0.5, "zh": 0.5}}))
        cls.app = create_app("fake", Path(cls.folder.name), lambda _: lambda texts: [{"toxic": 0.1} for _ in texts])

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_a_prediction_logs_one_line_with_its_trace_id_and_text_count_but_not_the_texts(self):
        traceparent = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
        with self.assertLogs("moderation_models.requests.fake", "INFO") as logs:
            status = call(self.app, "POST", "/predict", json.dumps({"texts": [SECRET_TEXT, "two"]}).encode(),
                          {"traceparent": traceparent})
        self.assertEqual(200, status)
        self.assertEqual(1, len(logs.output))
        line = logs.output[0]
        self.assertIn("POST /predict 200", line)
        self.assertIn("texts=2", line)
        self.assertIn(f"trace_id={TRACE_ID}", line)
        self.assertNotIn(SECRET_TEXT, line)

    def test_a_refused_request_and_one_without_traceparent_are_logged_too(self):
        with self.assertLogs("moderation_models.requests.fake", "INFO") as logs:
            self.assertEqual(422, call(self.app, "POST", "/predict", json.dumps({"texts": [""]}).encode()))
            self.assertEqual(200, call(self.app, "GET", "/health"))
        self.assertEqual(2, len(logs.output))
        self.assertIn("POST /predict 422", logs.output[0])
        self.assertIn("trace_id=-", logs.output[0])
        self.assertIn("GET /health 200", logs.output[1])

    def test_only_a_well_formed_traceparent_gives_a_trace_id(self):
        self.assertEqual(TRACE_ID, trace_id(f"00-{TRACE_ID.upper()}-00f067aa0ba902b7-01"))
        self.assertIsNone(trace_id(None))
        self.assertIsNone(trace_id("garbage"))
        self.assertIsNone(trace_id(f"00-{'0' * 32}-00f067aa0ba902b7-01"))
        self.assertIsNone(trace_id(f"00-{TRACE_ID}-short-01"))


if __name__ == "__main__":
    unittest.main()
