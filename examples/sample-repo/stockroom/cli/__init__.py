"""Command-line interface of the stockroom service."""

from .commands import COMMANDS, main

__all__ = ["COMMANDS", "main"]
