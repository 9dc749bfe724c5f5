"""Cleaning: bytes or HTML → CleanArticle (main text and metadata, page furniture removed). No spaCy here."""

from pipeline.clean.core import clean

__all__ = ["clean"]
