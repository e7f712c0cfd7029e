"""Runtime settings, loaded once per process and cached in a module global."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

_settings: "Settings | None" = None
_load_count = 0


@dataclass(frozen=True)
class Settings:
    """Configuration values for the service."""

    currency: str = "EUR"
    tax_rate: float = 0.2
    low_stock_threshold: int = 5
    notify_channels: tuple[str, ...] = field(default_factory=lambda: ("email",))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        """Build settings from ``STOCKROOM_*`` environment variables."""
        env = dict(os.environ if environ is None else environ)
        channels = env.get("STOCKROOM_CHANNELS", "email")
        return cls(
            currency=env.get("STOCKROOM_CURRENCY", "EUR"),
            tax_rate=float(env.get("STOCKROOM_TAX_RATE", "0.2")),
            low_stock_threshold=int(env.get("STOCKROOM_LOW_STOCK", "5")),
            notify_channels=tuple(c.strip() for c in channels.split(",") if c.strip()),
        )


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Return the process-wide settings, loading them on first use."""
    global _settings, _load_count
    if _settings is None:
        _settings = Settings.from_env(environ)
        _load_count += 1
    return _settings


def reset_settings() -> None:
    """Forget the cached settings (used by tests)."""
    global _settings
    _settings = None


def load_count() -> int:
    """How many times the settings were actually loaded."""
    return _load_count
