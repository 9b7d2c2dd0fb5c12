"""Prefect flows: ingest (fetch -> clean -> dedupe -> load -> detect -> alert) and maintenance."""
