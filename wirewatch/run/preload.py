"""Imported only by the extraction pool's forkserver, before it forks any worker.

Importing this module loads the extraction and detection code and warms them
(:func:`wirewatch.run.worker.warm`), so each worker forks ready instead of paying
about a second of imports and table loading itself. The objects made so far
are then frozen out of garbage collection: workers share them copy-on-write,
and a collector walking them would both cost time and copy the pages.
"""

import gc

from wirewatch.run.worker import warm

warm()
gc.freeze()
