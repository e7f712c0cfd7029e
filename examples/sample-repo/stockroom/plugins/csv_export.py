"""CSV export of order summaries.

``stockroom/plugins`` has no ``__init__.py``: it is a namespace package, and the
relative imports below still resolve against ``stockroom``.
"""

import csv
import io

from ..util import registry
from ..util.money import format_amount


@registry.register
class CsvExporter:
    """Writes one row per order with a formatted total."""

    name = "csv"
    columns = ("order_id", "customer", "items", "total")

    def __init__(self, delimiter: str = ",", currency: str = "EUR"):
        self.delimiter = delimiter
        self.currency = currency

    def _cells(self, row: dict) -> list[str]:
        cells = [str(row[column]) for column in self.columns[:-1]]
        cells.append(format_amount(row["total"], self.currency))
        return cells

    def export(self, rows) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self._cells(row) for row in rows)
        return buffer.getvalue()
