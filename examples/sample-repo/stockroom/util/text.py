"""Text helpers: slugs, whitespace normalisation and simple tokenising."""

import re
import unicodedata

_WS = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
STOP_WORDS = frozenset({"a", "an", "and", "of", "the"})


def normalize_whitespace(text: str) -> str:
    """Collapse runs of whitespace into single spaces and strip the ends."""
    return _WS.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    """Remove combining marks: 'Crème' becomes 'Creme'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, max_length: int = 40) -> str:
    """Turn a product name into a URL- and SKU-friendly slug."""
    cleaned = strip_accents(normalize_whitespace(text)).lower()
    slug = _NON_SLUG.sub("-", cleaned).strip("-")
    return slug[:max_length].rstrip("-")


def keywords(text: str) -> list[str]:
    """Distinct search keywords of a text, in order of first appearance."""
    seen: set[str] = set()
    words = [w for w in slugify(text, max_length=200).split("-") if w not in STOP_WORDS]
    return [w for w in words if not (w in seen or seen.add(w))]


def word_counts(texts) -> dict[str, int]:
    """Count keywords over many texts."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in keywords(text):
            counts[word] = counts.get(word, 0) + 1
    return {w: n for w, n in sorted(counts.items()) if n > 0}
