"""``python -m wirewatch.demo [--edition 2] [--history]``: serve the demo newswire until Ctrl-C, for browsing."""

from __future__ import annotations

import argparse
import time

from wirewatch.demo.server import DemoNewswire


def main() -> None:
    """Start the demo sites, print their addresses and wait."""
    parser = argparse.ArgumentParser(prog="python -m wirewatch.demo", description=__doc__)
    parser.add_argument("--edition", type=int, choices=(1, 2), default=1)
    parser.add_argument(
        "--history",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="Also serve the generated archive before the hand-written week "
        "(default: $WIREWATCH_DEMO_HISTORY, off).",
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
