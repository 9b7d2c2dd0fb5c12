"""Imported only by the extraction pool's forkserver, before it forks any worker.

Importing this module loads the extraction and detection code and warms them
(:func:`wirewatch.run.worker.warm`), so each worker forks ready instead of paying
about half a second of imports and table loading itself.
"""

from wirewatch.run.worker import warm

warm()
