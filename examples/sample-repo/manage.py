#!/usr/bin/env python3
"""Command-line entry point for the stockroom sample application.

Run ``python3 manage.py demo`` to build an in-memory inventory, place a few
orders and print a summary report.
"""

import sys

from stockroom.cli.commands import main

DEFAULT_COMMAND = "demo"


def _argv_or_default(argv: list[str]) -> list[str]:
    """Run the demo when no command is given."""
    return argv if argv else [DEFAULT_COMMAND]


if __name__ == "__main__":
    sys.exit(main(_argv_or_default(sys.argv[1:])))
