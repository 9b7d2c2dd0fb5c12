"""The extract stage: raw page bytes or scraped text -> a cleaned article.

``extract_document`` is the one entry point (a top-level, picklable function
for process pools). ``BoilerplateModel`` is the per-host template it can apply;
the caller teaches it after each new page and persists it in ``site_templates``
(migration 002)::

    doc = extract_document(body, url, charset=hint, source=source, boilerplate=model)
    model.observe(doc.site or host, doc.paragraphs, page=url)
    rows = model.to_rows()          # -> site_templates
    model = BoilerplateModel.from_rows(rows)

A run extracts fetched pages with ``extract_page`` (``extract_pages`` for a
batch, picklable for worker processes), then learns per-site templates from the
batch and strips them (``learn_boilerplate``, ``apply_boilerplate``); workers
only need ``templates_of(model)``.

Decisions: ``dateline`` is the city as written in the copy (``MOSCOW``,
``МИНСК``, ``北京``); naive times are read in the zone of the host or agency
(Beijing for Xinhua/China Daily, Moscow for TASS/BelTA, Tokyo/Seoul for
Kyodo/Yonhap, Ankara for Anadolu), else UTC; ``agency`` is canonical (see
``AGENCY_ALIASES``), the press service on official press pages (``PRESS_SERVICES``:
``Kremlin``, ``Russian MFA``, ...), or the unknown label as written in a dateline.
Captions inside the body go to ``caption``; a lead block above the body of wire
or press copy is kept as the first paragraph.
"""

from wirewatch.extract.boilerplate import BoilerplateModel
from wirewatch.extract.core import extract_document
from wirewatch.extract.metadata import canonical_agency
from wirewatch.extract.pages import (
    apply_boilerplate,
    extract_page,
    extract_pages,
    learn_boilerplate,
    page_hosts,
    templates_of,
)
from wirewatch.extract.tables import AGENCY_ALIASES

__all__ = [
    "AGENCY_ALIASES",
    "BoilerplateModel",
    "apply_boilerplate",
    "canonical_agency",
    "extract_document",
    "extract_page",
    "extract_pages",
    "learn_boilerplate",
    "page_hosts",
    "templates_of",
]
