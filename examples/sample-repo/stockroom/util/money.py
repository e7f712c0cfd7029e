"""Money arithmetic on ``Decimal`` values (€ amounts never touch floats)."""

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["round_cents", "to_cents", "format_amount", "apply_tax"]

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
_CENT = Decimal("0.01")


def _to_decimal(value) -> Decimal:
    """Convert ints, floats, strings and Decimals to a Decimal exactly."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round_cents(amount) -> Decimal:
    """Round an amount to whole cents, half up (commercial rounding)."""
    return _to_decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP)


def to_cents(amount) -> int:
    """Return the amount as an integer number of cents."""
    return int(round_cents(amount) * 100)


def apply_tax(net, rate) -> Decimal:
    """Gross amount for a net amount and a tax rate such as ``0.2``."""
    return round_cents(_to_decimal(net) * (1 + _to_decimal(rate)))


def format_amount(amount, currency: str = "EUR") -> str:
    """Format an amount for display, e.g. ``€1,234.50``."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    value = round_cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"
