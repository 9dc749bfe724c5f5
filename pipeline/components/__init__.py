"""Registered spaCy components. Each reads the Doc and writes its own spans and extensions.

Importing this package registers the factories (``tn_actors``, ``tn_quotes``, ``tn_speakers``,
``tn_claims``) with spaCy.
"""

from pipeline.components import actors, attributes, claims, paragraphs, quotes, speakers  # noqa: F401  (registration)
from pipeline.components.annotations import register_extensions

register_extensions()
