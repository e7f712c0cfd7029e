"""Asynchronous delivery of order notifications to channels."""

import asyncio
import contextlib


class Channel:
    """A delivery channel (email, SMS...) usable with ``async with``."""

    def __init__(self, name: str):
        self.name = name
        self.sent: list[str] = []
        self.is_open = False

    async def __aenter__(self) -> "Channel":
        await asyncio.sleep(0)
        self.is_open = True
        return self

    async def __aexit__(self, exc_type, exc, tb) -> None:
        self.is_open = False

    async def send(self, message: str) -> None:
        if not self.is_open:
            raise RuntimeError(f"channel {self.name} is closed")
        await asyncio.sleep(0)
        self.sent.append(message)


async def pending_messages(events):
    """Yield the notification text for every 'order placed' event."""
    for message, context in events:
        await asyncio.sleep(0)
        if message == "order placed":
            yield f"order {context['order_id']} placed"


@contextlib.asynccontextmanager
async def opened(name: str):
    """Open a channel for the duration of the block."""
    async with Channel(name) as channel:
        yield channel


async def notify_all(channel_names, events) -> dict[str, int]:
    """Send every pending message on every channel; return counts per channel."""
    delivered: dict[str, int] = {}
    for name in channel_names:
        async with opened(name) as channel:
            async for text in pending_messages(events):
                await channel.send(text)
            delivered[name] = len(channel.sent)
    return delivered


def run_notifications(channel_names, events) -> dict[str, int]:
    """Synchronous wrapper for scripts."""
    return asyncio.run(notify_all(channel_names, events))
