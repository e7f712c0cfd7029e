"""Tests for the asynchronous notification code."""

import asyncio
import unittest

from stockroom.services.notifications import Channel, notify_all, run_notifications

EVENTS = [("added", {"sku": "MUG"}), ("order placed", {"order_id": 1}), ("order placed", {"order_id": 2})]


class NotifyTest(unittest.TestCase):
    def test_all_channels_receive_every_message(self):
        counts = run_notifications(["email", "sms"], EVENTS)
        self.assertEqual(counts, {"email": 2, "sms": 2})

    def test_send_on_closed_channel_fails(self):
        async def scenario():
            channel = Channel("email")
            await channel.send("hello")

        with self.assertRaises(RuntimeError):
            asyncio.run(scenario())

    def test_notify_all_is_a_coroutine(self):
        coro = notify_all([], EVENTS)
        self.assertTrue(asyncio.iscoroutine(coro))
        self.assertEqual(asyncio.run(coro), {})


if __name__ == "__main__":
    unittest.main()
