"""Orders and order lines."""

from decimal import Decimal

from .base import BaseModel
from .mixins import AuditMixin, TimestampMixin
from .product import Product


class OrderLine(BaseModel):
    """One product and quantity within an order."""

    fields = ("product", "quantity")

    @property
    def subtotal(self) -> Decimal:
        return self.product.price * self.quantity


class Order(TimestampMixin, AuditMixin, BaseModel):
    """A customer order; timestamps and audit history come from the mixins."""

    fields = ("order_id", "customer", "lines", "status")
    STATUSES = ("new", "paid", "shipped", "cancelled")

    def __init__(self, **values):
        values.setdefault("lines", [])
        values.setdefault("status", "new")
        super().__init__(**values)

    def add_line(self, product: Product, quantity: int) -> OrderLine:
        """Add a line; raises ``ValueError`` for a non-positive quantity."""
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        line = OrderLine(product=product, quantity=quantity)
        self.lines.append(line)
        self.touch()
        self.record("add_line", sku=product.sku, quantity=quantity)
        return line

    def set_status(self, status: str) -> None:
        if status not in self.STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self.status = status
        self.touch()
        self.record("status", value=status)

    def check(self) -> None:
        if self.status not in self.STATUSES:
            self._errors.append(f"bad status {self.status!r}")
        if not self.lines:
            self._errors.append("an order needs at least one line")

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)
