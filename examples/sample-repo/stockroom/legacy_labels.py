"""Shelf labels imported from the old point-of-sale system.

This file is stored in Latin-1 and has no coding cookie, so it is not valid
UTF-8 source. Nothing in the package imports it.
"""

LABELS = {
    "coffee": "Café moulu",
    "cream": "Crème fraîche",
}


def label_for(key, default="?"):
    """Return the shelf label for ``key``."""
    return LABELS.get(key, default)
