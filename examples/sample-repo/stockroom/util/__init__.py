"""Small helpers shared across the package."""

from .money import format_amount, round_cents, to_cents
from .text import normalize_whitespace, slugify

__all__ = ["format_amount", "round_cents", "to_cents", "normalize_whitespace", "slugify"]
