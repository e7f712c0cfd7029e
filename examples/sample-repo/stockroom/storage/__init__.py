"""Storage back-ends for models."""

from .memory import MemoryRepository, VersionedRepository

__all__ = ["MemoryRepository", "VersionedRepository"]
