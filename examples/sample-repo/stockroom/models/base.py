"""The common base class of all domain models."""

from typing import Any


class ValidationError(ValueError):
    """Raised by :meth:`BaseModel.ensure_valid` for an invalid model."""

    def __init__(self, model: "BaseModel", errors: list[str]):
        super().__init__(f"{type(model).__name__}: " + "; ".join(errors))
        self.errors = errors


class BaseModel:
    """A record with a fixed tuple of field names and a validation hook."""

    fields: tuple[str, ...] = ()

    def __init__(self, **values: Any):
        unknown = sorted(set(values) - set(self.fields))
        if unknown:
            raise TypeError(f"unknown fields for {type(self).__name__}: {unknown}")
        for name in self.fields:
            setattr(self, name, values.get(name))
        self._errors: list[str] = []

    def check(self) -> None:
        """Subclass hook: append messages to ``self._errors``."""

    def validate(self) -> bool:
        """Run the required-field check and the subclass hook."""
        self._errors = [f"{name} is required" for name in self.fields if getattr(self, name) is None]
        self.check()
        return not self._errors

    def ensure_valid(self) -> "BaseModel":
        """Validate and raise :class:`ValidationError` on failure."""
        if not self.validate():
            raise ValidationError(self, self._errors)
        return self

    def to_dict(self) -> dict[str, Any]:
        """The field values as a plain dictionary."""
        return {name: getattr(self, name) for name in self.fields}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.to_dict() == self.to_dict()

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"{type(self).__name__}({inner})"
