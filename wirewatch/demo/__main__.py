"""``python -m wirewatch.demo [--edition 2] [--no-history]``: serve the demo newswire until Ctrl-C, for browsing."""

from __future__ import annotations

import argparse
import time

from wirewatch.demo.server import DemoNewswire


def main() -> None:
    """Start the demo sites, print their addresses and wait."""
    parser = argparse.ArgumentParser(prog="python -m wirewatch.demo", description=__doc__)
    parser.add_argument("--edition", type=int, choices=(1, 2), default=1)
    parser.add_argument(
        "--no-history",
        dest="history",
        action="store_false",
        help="Serve only the hand-written week, not the generated archive before it.",
    )
    args = parser.parse_args()
    with DemoNewswire(history=args.history) as wire:
        wire.set_edition(args.edition)
        for key, base in wire.base_urls.items():
            print(f"{key:12} {base}/robots.txt")
        print("Serving; press Ctrl-C to stop.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
