"""Behaviour shared by several models, combined through multiple inheritance."""

import datetime as dt


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class TimestampMixin:
    """Adds ``created_at``/``updated_at`` to a model."""

    def __init__(self, **values):
        super().__init__(**values)
        now = _utcnow()
        self.created_at = now
        self.updated_at = now

    def touch(self) -> None:
        """Mark the model as modified now."""
        self.updated_at = _utcnow()

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["created_at"] = self.created_at.isoformat()
        data["updated_at"] = self.updated_at.isoformat()
        return data


class AuditMixin:
    """Keeps a short history of the actions applied to a model."""

    max_history = 50

    def record(self, action: str, **details) -> None:
        """Append an entry to the audit history, dropping the oldest ones."""
        history = self.__dict__.setdefault("history", [])
        history.append((action, details))
        del history[: max(0, len(history) - self.max_history)]

    def actions(self) -> list[str]:
        return [action for action, _ in self.__dict__.get("history", [])]
