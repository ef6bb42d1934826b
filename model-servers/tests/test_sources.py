"""Per-source weights: what share of each source a model is shown."""
from __future__ import annotations

import unittest
from collections import Counter

from moderation_models.sources import SOURCES, weighted


def rows(source: str, n: int) -> list[dict]:
    return [{"id": f"{source}-{i}", "source": source} for i in range(n)]


class WeightedTest(unittest.TestCase):
    data = rows("kocohub", 1000) + rows("kosbi", 1000) + rows("apeach", 1000)

    def test_weights_leave_out_keep_halve_and_double_a_source(self):
        counts = Counter(r["source"] for r in weighted(self.data, {"kocohub": 1, "kosbi": 0.5, "apeach": 2}, seed=3))
        self.assertEqual(1000, counts["kocohub"])
        self.assertAlmostEqual(500, counts["kosbi"], delta=60)
        self.assertEqual(2000, counts["apeach"])

    def test_a_source_without_a_weight_is_left_out(self):
        self.assertEqual({"kocohub"}, {r["source"] for r in weighted(self.data, {"kocohub": 1}, seed=3)})

    def test_the_same_seed_gives_the_same_rows_in_the_same_order(self):
        weights = {"kocohub": 1, "kosbi": 0.3, "apeach": 1.5}
        self.assertEqual(weighted(self.data, weights, seed=9), weighted(self.data, weights, seed=9))
        self.assertNotEqual(weighted(self.data, weights, seed=9), weighted(self.data, weights, seed=10))

    def test_a_balanced_source_shows_as_many_abusive_items_as_clean_ones_and_keeps_its_size(self):
        cold = [{**r, "label": int(i < 200)} for i, r in enumerate(rows("cold", 1000))]
        shown = weighted(cold + rows("kocohub", 1000), {"cold": 1, "kocohub": 1}, seed=5, balanced=frozenset({"cold"}))
        labels = Counter(r["label"] for r in shown if r["source"] == "cold")
        self.assertAlmostEqual(500, labels[1], delta=40)  # 200 items shown 2.5 times each
        self.assertAlmostEqual(500, labels[0], delta=40)  # 800 items, each kept with chance 0.625
        self.assertEqual(1000, sum(r["source"] == "kocohub" for r in shown))

    def test_every_source_has_one_of_the_three_languages(self):
        self.assertEqual({"ko", "en", "zh"}, set(SOURCES.values()))


if __name__ == "__main__":
    unittest.main()
