"""In-memory repositories used by tests and the demo."""

import copy
import itertools


class MemoryRepository:
    """Stores model copies by key."""

    def __init__(self, key: str = "id"):
        self.key = key
        self._items: dict = {}

    def put(self, item) -> None:
        self._items[getattr(item, self.key)] = copy.deepcopy(item)

    def get(self, key):
        item = self._items.get(key)
        return None if item is None else copy.deepcopy(item)

    def find(self, predicate) -> list:
        return [copy.deepcopy(item) for item in self._items.values() if predicate(item)]

    def __len__(self) -> int:
        return len(self._items)


class VersionedRepository(MemoryRepository):
    """Keeps every stored version of each item."""

    def __init__(self, key: str = "id"):
        super().__init__(key)
        self._versions: dict = {}
        self._clock = itertools.count(1)

    def put(self, item) -> None:
        super().put(item)
        history = self._versions.setdefault(getattr(item, self.key), [])
        history.append((next(self._clock), copy.deepcopy(item)))

    def versions(self, key) -> list[int]:
        return [version for version, _ in self._versions.get(key, [])]
