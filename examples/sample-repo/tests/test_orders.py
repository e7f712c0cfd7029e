"""Tests for placing orders (``tests/`` is a namespace package)."""

import unittest

from stockroom.config import Settings
from stockroom.models import Product
from stockroom.services import InventoryService, OrderService, OutOfStock
from stockroom.services.inventory import make_reservation_tracker


def make_service(**stock):
    settings = Settings(tax_rate=0.1)
    products = [Product(sku=sku, name=sku.title(), price="10.00", quantity=qty) for sku, qty in stock.items()]
    return OrderService(InventoryService.with_products(products, settings), settings)


class PlaceOrderTest(unittest.TestCase):
    def test_total_includes_tax(self):
        service = make_service(MUG=5)
        order = service.place_order("ada", [("MUG", 2)])
        self.assertEqual(str(service.total(order)), "22.00")
        self.assertEqual(order.actions(), ["add_line"])

    def test_out_of_stock(self):
        service = make_service(MUG=1)
        with self.assertRaises(OutOfStock):
            service.place_order("ada", [("MUG", 2)])

    def test_subclass_keeps_log(self):
        class QuietService(OrderService):
            def log(self, message, **context):
                super().log(message.upper(), **context)

        service = QuietService(make_service(MUG=3).inventory)
        service.place_order("bob", [("MUG", 1)])
        self.assertIn("ORDER PLACED", service.recent_events())


class TrackerTest(unittest.TestCase):
    def test_closure_state(self):
        track, remaining = make_reservation_tracker(5)
        self.assertTrue(track(3))
        self.assertFalse(track(3))
        self.assertEqual(remaining(), 2)


if __name__ == "__main__":
    unittest.main()
