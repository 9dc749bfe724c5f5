"""Scoring against gold annotations: the corpus, the seed, and real-news adapters."""
