"""Text preparation and lexicon hints: what both models see of a text."""
from __future__ import annotations

import unittest
from pathlib import Path

from moderation_models.lexicon import LexiconHints
from moderation_models.text import candidate_words, fasttext_line, normalise, to_jamo

LEXICONS = Path(__file__).resolve().parents[2] / "Libraries" / "Moderation.Engine" / "Lexicons"


class TextTest(unittest.TestCase):
    def test_full_width_case_and_repeats_are_folded(self):
        self.assertEqual("fuuck", normalise("ＦＵＵＵＵＣＫ"))

    def test_mentions_links_and_entities_are_replaced(self):
        self.assertEqual(" @user  & you  url ", normalise("@bob &amp; you http://t.co/x"))

    def test_korean_words_are_also_spelled_as_jamo(self):
        self.assertEqual("ㅅㅣㅂㅏㄹ", to_jamo("시발"))
        self.assertIn("ㅅㅣㅂㅏㄹ", fasttext_line("아 시발", []).split())

    def test_runs_of_han_characters_are_also_words_so_their_character_ngrams_count(self):
        words = fasttext_line("你他妈的, 滚! 好", []).split()
        self.assertIn("你他妈的", words)
        self.assertIn("他", words)  # each character stays a word of its own
        self.assertEqual(1, words.count("好"))  # a lone character is not repeated as a run
        self.assertNotIn("你他妈的", fasttext_line("你他妈的", [], han_runs=False).split())

    def test_candidate_words_keep_the_original_spelling_and_pair_han_characters(self):
        self.assertEqual(["You", "F*CKING", "idiot", "傻逼", "逼啊"], candidate_words("You F*CKING idiot!! 傻逼啊"))


class LexiconHintsTest(unittest.TestCase):
    hints = LexiconHints.from_engine_lexicons(LEXICONS)

    def test_listed_terms_are_found_with_their_category(self):
        self.assertEqual(["insult"], self.hints.categories("아 진짜 시발 왜 이래"))
        self.assertEqual(["insult"], self.hints.categories("you motherfucker"))
        self.assertEqual(["insult"], self.hints.categories("操你妈"))
        self.assertIn("violence", self.hints.categories("just kill yourself"))

    def test_allowlisted_words_and_innocent_prefixes_are_not(self):
        for text in ("시발점", "Scunthorpe United", "操场上有人", "a classic cocktail", "have a nice day"):
            self.assertEqual([], self.hints.categories(text), text)

    def test_leetspeak_and_repeats_are_read_through(self):
        self.assertEqual(["insult"], self.hints.categories("sh1iiiit"))

    def test_words_split_by_separators_or_written_in_traditional_characters_still_hint(self):
        for text in ("傻_逼", "王*八*蛋", "草|泥|马", "傻\u200b逼", "他媽的", "他-媽-的", "시.발", "시-발 놈아"):
            self.assertEqual(["insult"], self.hints.categories(text), text)

    def test_a_sentence_end_or_comma_between_two_words_does_not_join_them(self):
        for text in ("你傻。逼近了", "你傻，逼近了"):
            self.assertEqual([], self.hints.categories(text), text)

    def test_a_snapshot_round_trips(self):
        path = Path(self.id() + ".tsv")
        try:
            self.hints.save(path)
            loaded = LexiconHints.load(path)
            for text in ("시발", "fuck off", "操场", "傻逼", "他媽的"):
                self.assertEqual(self.hints.categories(text), loaded.categories(text))
        finally:
            path.unlink(missing_ok=True)

    def test_hint_tokens_name_the_categories(self):
        self.assertEqual(["__lex__", "__lex_insult__"], self.hints.hint_tokens("fuck"))
        self.assertEqual([], self.hints.hint_tokens("hello"))


if __name__ == "__main__":
    unittest.main()
