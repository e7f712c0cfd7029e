"""A retry decorator for flaky operations (storage, network calls)."""

import functools
import logging
import time

log = logging.getLogger(__name__)


class RetryError(RuntimeError):
    """Raised when every attempt of a retried call failed."""

    def __init__(self, name: str, attempts: int, last: BaseException | None):
        super().__init__(f"{name} failed after {attempts} attempts: {last!r}")
        self.attempts = attempts
        self.last = last


def retry(times: int = 3, delay: float = 0.0, exceptions=(ConnectionError, TimeoutError)):
    """Retry the decorated function up to ``times`` attempts.

    Only the given exception types are retried; anything else propagates at
    once. ``delay`` seconds are slept between attempts.
    """
    if times < 1:
        raise ValueError("times must be at least 1")

    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:
                    last = exc
                    log.warning("%s attempt %d/%d failed: %s", fn.__name__, attempt, times, exc)
                    if delay:
                        time.sleep(delay)
            raise RetryError(fn.__name__, times, last)

        wrapper.max_attempts = times
        return wrapper

    return decorator
