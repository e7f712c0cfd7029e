"""The base class of all services: settings access and an event log."""

import logging

from ..config import Settings, load_settings


class Service:
    """Something with a name, settings and a log of what it did."""

    def __init__(self, name: str, settings: Settings | None = None):
        self.name = name
        self.settings = settings or load_settings()
        self.events: list[tuple[str, dict]] = []
        self._logger = logging.getLogger(f"stockroom.{name}")

    def log(self, message: str, **context) -> None:
        """Record an event and forward it to the standard logging module."""
        self.events.append((message, context))
        self._logger.info("%s %s", message, context)

    def recent_events(self, limit: int = 10) -> list[str]:
        return [message for message, _ in self.events[-limit:]]

    def describe(self) -> str:
        return f"<{type(self).__name__} {self.name!r}, {len(self.events)} events>"
