"""Registered spaCy components. Each reads the Doc and writes its own spans and extensions.

Importing this package registers the factories (``tn_paragraph_breaks``, ``tn_attributes``, ``tn_lemmas``,
``tn_actors``,
``tn_quotes``, ``tn_speakers``, ``tn_claims``) with spaCy and the ``Doc._`` extensions they write.
"""

from pipeline.nlp.annotations import register_extensions
from pipeline.nlp.components import actors, attributes, lemmas, paragraphs, speakers  # noqa: F401  (registration)
from pipeline.nlp.components.claims import finder as claims  # noqa: F401  (registration)
from pipeline.nlp.components.quotes import finder as quotes  # noqa: F401  (registration)

register_extensions()
