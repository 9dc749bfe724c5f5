"""The threatnews output contract.

Every field of every record threatnews writes is defined here, once, as a pydantic v2 model. The
package imports neither spaCy nor :mod:`pipeline`, so anyone who reads the JSONL can validate it with
``pip install threatnews`` and ``ArticleRecord.model_validate_json(line)``.
"""

from models.article import ArticleRecord, PipelineInfo, Source
from models.claims import LINK_KINDS, AttributedTo, Claim, ClaimKind, InferredSponsor, Stance
from models.entities import Actor, Entity, Mention, Organization
from models.errors import ErrorRecord
from models.ledger import (
    UNNAMED_ACTOR,
    GazetteerView,
    LedgerDenial,
    LedgerEntry,
    LedgerEvidence,
    LedgerParty,
    LedgerStatement,
)
from models.quotes import Quote, QuoteKind, Speaker, SpeakerKind
from models.spans import Span, SpanMismatch, check_spans

__all__ = [
    "LINK_KINDS",
    "UNNAMED_ACTOR",
    "Actor",
    "ArticleRecord",
    "AttributedTo",
    "Claim",
    "ClaimKind",
    "Entity",
    "ErrorRecord",
    "GazetteerView",
    "InferredSponsor",
    "LedgerDenial",
    "LedgerEntry",
    "LedgerEvidence",
    "LedgerParty",
    "LedgerStatement",
    "Mention",
    "Organization",
    "PipelineInfo",
    "Quote",
    "QuoteKind",
    "Source",
    "Span",
    "SpanMismatch",
    "Speaker",
    "SpeakerKind",
    "Stance",
    "check_spans",
]
