"""Unit tests for stockroom.util.money (run with ``python3 -m unittest``)."""

import unittest
from decimal import Decimal

from stockroom.util import money
from stockroom.util.money import *


class RoundCentsTest(unittest.TestCase):
    def test_half_up(self):
        self.assertEqual(round_cents("2.675"), Decimal("2.68"))
        self.assertEqual(round_cents(Decimal("-1.005")), Decimal("-1.01"))

    def test_to_cents(self):
        self.assertEqual(to_cents(19.99), 1999)

    def test_private_helper_not_star_exported(self):
        self.assertNotIn("_to_decimal", money.__all__)


class FormatTest(unittest.TestCase):
    def test_symbols(self):
        cases = {("1234.5", "EUR"): "€1,234.50", ("-3", "USD"): "-$3.00", ("1", "CHF"): "CHF 1.00"}
        for (amount, currency), expected in cases.items():
            with self.subTest(amount=amount, currency=currency):
                self.assertEqual(format_amount(amount, currency), expected)

    def test_tax(self):
        self.assertEqual(apply_tax("10.00", "0.2"), Decimal("12.00"))


if __name__ == "__main__":
    unittest.main()
