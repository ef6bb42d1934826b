"""Both model servers over real HTTP: answers, bad input, concurrency."""
from __future__ import annotations

import json
import socket
import unittest
from concurrent.futures import ThreadPoolExecutor

from tests.servers import ModelServer

ABUSIVE = ["you fucking idiot, nobody wants you here", "你这个傻逼，滚开", "아 진짜 시발 왜 이래 병신아"]
CLEAN = ["have a lovely day, see you at the library", "今天天气很好，我们去公园散步吧", "오늘 점심 정말 맛있었어요 감사합니다"]


class ServerContract:
    """The tests every model server passes; subclasses name the model."""

    model = ""
    server: ModelServer

    @classmethod
    def setUpClass(cls):
        cls.server = ModelServer(cls.model)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def predict(self, texts):
        status, body = self.server.post("/predict", {"texts": texts})
        self.assertEqual(200, status, body)
        return body["results"]

    def test_health_names_the_model_and_its_thresholds(self):
        status, body = self.server.get("/health")
        self.assertEqual(200, status)
        self.assertEqual(self.model, body["model"])
        self.assertEqual({"ko", "en", "zh"}, set(body["thresholds"]))

    def test_abusive_texts_score_above_clean_ones_in_every_language(self):
        results = self.predict(ABUSIVE + CLEAN)
        self.assertEqual(len(ABUSIVE + CLEAN), len(results))
        for i in range(3):
            self.assertGreater(results[i]["toxic"], 0.5, ABUSIVE[i])
            self.assertLess(results[3 + i]["toxic"], 0.5, CLEAN[i])

    def test_a_full_batch_is_accepted_and_answered_in_order(self):
        texts = [ABUSIVE[i % 3] if i % 2 else CLEAN[i % 3] for i in range(64)]
        results = self.predict(texts)
        self.assertEqual(64, len(results))
        single = {t: self.predict([t])[0]["toxic"] for t in set(texts)}
        for text, result in zip(texts, results):
            self.assertAlmostEqual(single[text], result["toxic"], places=3)

    def test_concurrent_requests_get_the_same_answers_as_sequential_ones(self):
        texts = ABUSIVE + CLEAN
        expected = [r["toxic"] for r in self.predict(texts)]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: [r["toxic"] for r in self.predict(texts)], range(24)))
        for answer in answers:
            for e, a in zip(expected, answer):
                self.assertAlmostEqual(e, a, places=4)

    def assert_refused(self, body, status, error, detail_part):
        actual_status, answer = self.server.post("/predict", body)
        self.assertEqual(status, actual_status, answer)
        self.assertEqual(error, answer["error"])
        self.assertIn(detail_part, answer["detail"])

    def test_bad_input_gets_422_with_a_message_that_names_the_problem(self):
        self.assert_refused({"texts": []}, 422, "invalid_request", "empty")
        self.assert_refused({"texts": ["ok", ""]}, 422, "invalid_request", "texts[1] is empty")
        self.assert_refused({"texts": ["ok", 42]}, 422, "invalid_request", "texts[1] must be a string")
        self.assert_refused({"texts": "just one string"}, 422, "invalid_request", "list of strings")
        self.assert_refused({"text": "wrong field"}, 422, "invalid_request", '"texts"')
        self.assert_refused(["not", "an", "object"], 422, "invalid_request", "JSON object")
        self.assert_refused(b"{not json", 422, "invalid_request", "not valid JSON")
        self.assert_refused({"texts": ["x" * 10_001]}, 422, "invalid_request", "at most 10000")

    def test_a_text_of_exactly_the_limit_is_accepted(self):
        self.assertEqual(1, len(self.predict(["a" * 10_000])))

    def test_oversized_batches_and_bodies_get_413(self):
        self.assert_refused({"texts": ["hello"] * 65}, 413, "too_many_texts", "at most 64")

    def test_json_nested_too_deeply_gets_422_not_500(self):
        depth = 100_000  # 200 KB: within the body limit, far past Python's recursion limit
        self.assert_refused(b'{"texts": ' + b"[" * depth + b"]" * depth + b"}", 422, "invalid_request", "nested too deeply")

    def test_an_oversized_body_is_refused_from_its_headers_without_being_read(self):
        # 100 MB announced, 10 bytes sent: a server that read to the end would wait here until the timeout.
        status, answer = self.raw_post(b"Content-Length: 100000000\r\n", b'{"texts": ')
        self.assertEqual(413, status, answer)
        self.assertEqual("body_too_large", answer["error"])

    def test_an_oversized_chunked_body_is_refused_at_the_chunk_that_passes_the_limit(self):
        chunk = b'{"texts": ["' + b"x" * (1 << 20) + b'"'  # over 1 MiB in one chunk; the body never ends
        status, answer = self.raw_post(b"Transfer-Encoding: chunked\r\n", f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.assertEqual(413, status, answer)
        self.assertEqual("body_too_large", answer["error"])

    def raw_post(self, headers: bytes, partial_body: bytes) -> tuple[int, dict]:
        """POSTs /predict on a raw socket, sends only the start of the body, and reads the answer."""
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as connection:
            connection.sendall(b"POST /predict HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" + headers + b"\r\n")
            connection.sendall(partial_body)
            received = b""
            while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
                data = connection.recv(65536)
                if not data:
                    break
                received += data
        head, _, body = received.partition(b"\r\n\r\n")
        return int(head.split(b" ")[1]), json.loads(body)


class FastTextServerTest(ServerContract, unittest.TestCase):
    model = "fasttext"

    def test_words_name_the_abusive_words_as_the_text_spells_them(self):
        results = self.predict(["You FUCKING idiot", "操你妈的傻逼", "have a lovely day"])
        self.assertIn("FUCKING", results[0]["words"])
        self.assertIn("傻逼", results[1]["words"])
        self.assertEqual([], results[2]["words"])


class KobertServerTest(ServerContract, unittest.TestCase):
    model = "kobert"


if __name__ == "__main__":
    unittest.main()
