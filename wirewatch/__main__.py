"""``python -m wirewatch`` is the ``wirewatch`` command."""

from wirewatch.app.cli import main

main()
