"""The ML tier's models: text preparation, a fastText classifier and a small BERT-style encoder."""
