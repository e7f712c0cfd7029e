"""Products and categories."""

from decimal import Decimal

from ..util.money import round_cents
from ..util.text import slugify
from .base import BaseModel

__all__ = ["Category", "Product", "DigitalProduct"]


class Category:
    """A named group of products; categories nest."""

    def __init__(self, name: str, parent: "Category | None" = None):
        self.name = name
        self.parent = parent

    @property
    def path(self) -> str:
        return self.name if self.parent is None else f"{self.parent.path}/{self.name}"


class Product(BaseModel):
    """A stocked item with a price and an on-hand quantity."""

    fields = ("sku", "name", "price", "quantity")

    def __init__(self, **values):
        values.setdefault("quantity", 0)
        super().__init__(**values)
        self.price = round_cents(self.price or 0)

    @property
    def quantity(self) -> int:
        return self._quantity

    @quantity.setter
    def quantity(self, value) -> None:
        if value is not None and value < 0:
            raise ValueError("quantity cannot be negative")
        self._quantity = value

    def check(self) -> None:
        if self.price is not None and self.price < Decimal("0"):
            self._errors.append("price cannot be negative")

    @staticmethod
    def normalize_sku(raw: str) -> str:
        """SKUs are upper-case slugs: ``'blue mug'`` becomes ``'BLUE-MUG'``."""
        return slugify(raw).upper()

    @classmethod
    def from_row(cls, row: dict) -> "Product":
        """Build a product from a CSV-like row of strings."""
        return cls(
            sku=cls.normalize_sku(row["sku"]),
            name=row["name"].strip(),
            price=Decimal(row["price"]),
            quantity=int(row.get("quantity") or 0),
        )


class DigitalProduct(Product):
    """A download: never runs out, so the quantity is ignored."""

    def check(self) -> None:
        super().check()
        if not str(self.sku).startswith("DL-"):
            self._errors.append("digital SKUs start with DL-")
