"""Stockroom: a small inventory and order service.

The most commonly used entry points are re-exported at the top level so that
callers can write ``from stockroom import Order, load_settings``.
"""

from .config import Settings, load_settings
from .models import Order, Product

__version__ = "0.4.1"

__all__ = ["Settings", "load_settings", "Order", "Product", "__version__"]
