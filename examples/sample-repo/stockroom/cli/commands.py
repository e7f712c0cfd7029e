"""Sub-commands of ``manage.py``; each is registered with ``@command``."""

import argparse
import json as _json

import stockroom.plugins.csv_export
import stockroom.plugins.json_export
import stockroom.util.text
from stockroom.config import load_settings
from stockroom.models import Product
from stockroom.services import InventoryService, OrderService
from stockroom.util import registry

from ..reports.summary import render, summarize

COMMANDS = {}


def command(fn):
    """Register ``fn`` as a sub-command named after the function."""
    COMMANDS[fn.__name__.replace("_", "-")] = fn
    return fn


def _demo_state():
    settings = load_settings()
    names = ["Blue Mug", "Crème Brûlée Torch", "Tea Towel"]
    products = [
        Product(sku=stockroom.util.text.slugify(name).upper(), name=name, price=price, quantity=20)
        for name, price in zip(names, ["7.50", "24.99", "3.20"])
    ]
    orders = OrderService(InventoryService.with_products(products, settings), settings)
    orders.place_order("ada", [("BLUE-MUG", 2), ("TEA-TOWEL", 4)])
    orders.place_order("grace", [("CREME-BRULEE-TORCH", 1)])
    return settings, orders


@command
def demo(args) -> int:
    settings, orders = _demo_state()
    placed = [o for customer in ("ada", "grace") for o in orders.orders_for(customer)]
    print(render(summarize(placed, orders), settings.currency))
    return 0


@command
def export(args) -> int:
    _, orders = _demo_state()
    placed = orders.orders_for("ada") + orders.orders_for("grace")
    exporter = registry.create(args.format)
    print(exporter.export(summarize(placed, orders)["rows"]))
    return 0


@command
def plugins(args) -> int:
    print(_json.dumps({"plugins": registry.available(), "csv": stockroom.plugins.csv_export.CsvExporter.name}))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="manage.py")
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("--format", default="csv")
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)
