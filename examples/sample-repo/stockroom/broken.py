"""Half-finished refactoring of the discount rules.

This module does not parse (the parameter list is never closed) and nothing in
the package imports it.
"""

from .util.money import round_cents


def apply_discount(order, percent: float = 0.0
    """Return the discounted total of ``order``."""
    factor = 1 - percent / 100
    return round_cents(order.total * factor)


def loyalty_percent(customer):
    return 5 if customer.startswith("vip-") else 0
