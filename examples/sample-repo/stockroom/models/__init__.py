"""Domain models: products, orders and the mixins they share."""

from .base import BaseModel, ValidationError
from .product import *
from .order import Order, OrderLine

__all__ = ["BaseModel", "ValidationError", "Order", "OrderLine", "Product", "DigitalProduct", "Category"]
