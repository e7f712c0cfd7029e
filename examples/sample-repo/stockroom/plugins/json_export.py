"""JSON export of order summaries."""

import json

from stockroom.util.registry import register


@register
class JsonExporter:
    """Writes all rows as one JSON array, amounts as strings."""

    name = "json"

    def __init__(self, indent: int = 2):
        self.indent = indent

    def export(self, rows) -> str:
        payload = [dict(row, total=str(row["total"])) for row in rows]
        return json.dumps(payload, indent=self.indent, sort_keys=True)
