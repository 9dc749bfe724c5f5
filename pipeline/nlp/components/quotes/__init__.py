"""The quote finder: quotation marks, cues and reported clauses."""
