"""The front end: the command line, stage-command context, printing, serve and the Prefect server.

Only this package and ``flows`` import ``flows``; the domain never imports it.
"""
