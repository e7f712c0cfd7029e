"""Summary report: revenue, customers and best sellers."""

from collections import Counter

from ..util.money import format_amount

by_customer = lambda order: (order.customer, order.order_id)


def summarize(orders, service) -> dict:
    """Aggregate a list of orders; ``service`` computes the totals."""
    totals = {order.order_id: service.total(order) for order in orders}
    customers = {order.customer for order in orders}
    lines = [line for order in orders for line in order.lines]
    units = sum(line.quantity for line in lines)
    best = Counter()
    for line in lines:
        best[line.product.sku] += line.quantity
    biggest = max(orders, key=lambda order: totals[order.order_id], default=None)
    return {
        "orders": len(orders),
        "customers": sorted(customers),
        "units": units,
        "revenue": sum(totals.values()),
        "biggest_order": None if biggest is None else biggest.order_id,
        "best_sellers": [sku for sku, _ in best.most_common(3)],
        "rows": [
            {"order_id": o.order_id, "customer": o.customer, "items": o.item_count, "total": totals[o.order_id]}
            for o in sorted(orders, key=by_customer)
        ],
    }


def units_by_customer(orders) -> dict:
    """Units ordered per customer and SKU: ``{customer: {sku: units}}``."""
    orders = list(orders)  # any iterable: it is walked once per customer and SKU
    skus = sorted({line.product.sku for order in orders for line in order.lines})
    return {
        customer: {
            sku: sum(
                line.quantity
                for order in orders
                if order.customer == customer
                for line in filter(lambda item: item.product.sku == sku, order.lines)
            )
            for sku in skus
        }
        for customer in sorted({order.customer for order in orders})
    }


def render(summary: dict, currency: str = "EUR") -> str:
    """Plain-text rendering of a summary."""
    lines = [
        f"orders:    {summary['orders']}",
        f"customers: {', '.join(summary['customers'])}",
        f"units:     {summary['units']}",
        f"revenue:   {format_amount(summary['revenue'], currency)}",
        f"top:       {', '.join(summary['best_sellers'])}",
    ]
    return "\n".join(lines)
