"""The leave-one-source-out table's measures."""
from __future__ import annotations

import sys
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loso import auc, candidates, metrics  # noqa: E402


class MeasuresTest(unittest.TestCase):
    def test_auc_is_the_share_of_abusive_and_clean_pairs_ranked_right_with_ties_counting_half(self):
        labels = np.array([1, 1, 0, 0])
        self.assertEqual(1.0, auc(labels, np.array([0.9, 0.8, 0.2, 0.1])))
        self.assertEqual(0.75, auc(labels, np.array([0.9, 0.4, 0.5, 0.1])))
        self.assertEqual(0.5, auc(np.array([1, 0]), np.array([0.5, 0.5])))

    def test_a_source_with_one_class_has_no_auc_and_no_false_positive_rate(self):
        labels = np.array([1, 1, 1])
        self.assertIsNone(auc(labels, np.array([0.9, 0.2, 0.5])))
        result = metrics(labels, np.array([True, False, True]))
        self.assertIsNone(result["fpr"])
        self.assertAlmostEqual(2 / 3, result["recall"])
        self.assertEqual(1.0, result["precision"])

    def test_metrics_count_false_positives_among_clean_texts(self):
        result = metrics(np.array([1, 0, 0, 0]), np.array([True, True, False, False]))
        self.assertAlmostEqual(1 / 3, result["fpr"])
        self.assertEqual(0.5, result["precision"])

    def test_today_uses_the_base_sources_only_and_shipped_every_source(self):
        known = candidates()
        self.assertNotIn("apeach", known["today"].weights)
        self.assertTrue(all(w > 0 for w in known["shipped"].weights.values()))
        self.assertEqual(11, len(known["shipped"].weights))


if __name__ == "__main__":
    unittest.main()
