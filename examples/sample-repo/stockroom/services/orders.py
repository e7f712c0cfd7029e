"""Placing orders and computing their totals."""

from decimal import Decimal

from ..models import Order
from ..util.money import round_cents
from ..util.retry import retry
from .base import Service
from .inventory import InventoryService, OutOfStock


class OrderService(Service):
    """Turns baskets into orders, reserving stock from the inventory."""

    def __init__(self, inventory: InventoryService, settings=None):
        super().__init__("orders", settings)
        self.inventory = inventory
        self._orders: dict[int, Order] = {}
        self._next_id = 1

    def place_order(self, customer: str, items: list[tuple[str, int]]) -> Order:
        """Create an order for ``(sku, quantity)`` items; all or nothing."""
        order = Order(order_id=self._next_id, customer=customer)
        for sku, quantity in items:
            try:
                product = self.inventory.reserve(sku, quantity)
            except OutOfStock:
                self.log("rejected", customer=customer, sku=sku)
                raise
            order.add_line(product, quantity)
        order.ensure_valid()
        self._save(order)
        self.log("order placed", order_id=order.order_id, lines=len(order.lines))
        return order

    @retry(times=3)
    def _save(self, order: Order) -> None:
        """Persist the order (in memory here; a database call in production)."""
        self._orders[order.order_id] = order
        self._next_id = max(self._orders) + 1

    def total(self, order: Order) -> Decimal:
        """Gross total of an order, rounded to cents."""
        net = sum((line.subtotal for line in order.lines), Decimal("0"))
        gross = net * (1 + Decimal(str(self.settings.tax_rate)))
        return round_cents(gross)

    def orders_for(self, customer: str) -> list[Order]:
        return [order for order in self._orders.values() if order.customer == customer]

    def describe(self) -> str:
        base = super().describe()
        return f"{base[:-1]}, {len(self._orders)} orders>"
