"""Stock keeping: adding products, reservations and low-stock reports."""

from ..models import Product
from . import base as service_base


class OutOfStock(Exception):
    """Raised when a reservation exceeds the quantity on hand."""


class InventoryService(service_base.Service):
    """Keeps products by SKU and hands out reservations."""

    def __init__(self, settings=None):
        super().__init__("inventory", settings)
        self._stock: dict[str, Product] = {}

    @classmethod
    def with_products(cls, products, settings=None) -> "InventoryService":
        service = cls(settings)
        for product in products:
            service.add(product)
        return service

    @staticmethod
    def _check_quantity(quantity: int) -> None:
        if quantity <= 0:
            raise ValueError("quantity must be positive")

    @property
    def skus(self) -> list[str]:
        return sorted(self._stock)

    def add(self, product: Product) -> None:
        product.ensure_valid()
        self._stock[product.sku] = product
        self.log("added", sku=product.sku)

    def reserve(self, sku: str, quantity: int) -> Product:
        """Take ``quantity`` units of ``sku`` out of stock and return the product."""
        self._check_quantity(quantity)
        product = self._stock.get(sku)
        if product is None or product.quantity < quantity:
            raise OutOfStock(sku)
        product.quantity -= quantity
        self.log("reserved", sku=sku, quantity=quantity)
        return product

    def low_stock(self) -> set[str]:
        threshold = self.settings.low_stock_threshold
        return {sku for sku, product in self._stock.items() if product.quantity < threshold}


def make_reservation_tracker(limit: int):
    """Return ``(track, remaining)`` closures sharing one running total."""
    reserved = 0

    def track(quantity: int) -> bool:
        nonlocal reserved
        if reserved + quantity > limit:
            return False
        reserved += quantity
        return True

    def remaining() -> int:
        return limit - reserved

    return track, remaining
