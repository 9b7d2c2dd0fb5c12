"""``python -m wirewatch`` is the ``wirewatch`` command."""

from wirewatch.cli import main

main()
