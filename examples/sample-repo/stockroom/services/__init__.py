"""Application services: inventory, orders and notifications."""

from .inventory import InventoryService, OutOfStock
from .orders import OrderService

__all__ = ["InventoryService", "OrderService", "OutOfStock"]
