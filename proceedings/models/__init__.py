"""What a course learned: the harvest (passages marked as the course goes), members'
consent to be quoted, the proceedings page compiled from them, and its exports."""

from .exports import Export
from .harvest import Passage, QuoteConsent
from .pages import ProceedingsPage

__all__ = ["Export", "Passage", "ProceedingsPage", "QuoteConsent"]
