"""The archive generator's tunables, each with its reason."""

from __future__ import annotations

# Two reports made from one template are kept further apart than a republished
# copy can be (wirewatch.dedupe.tuning.MAX_COPY_GAP, 7 days): look-alikes stay
# separate stories because they are not copies, not because of luck.
REUSE_GAP_DAYS = 8
# Draws of a template's slots to find a headline its site has not used (the same
# headline twice would be the same story twice, which dedupe rightly joins).
FRESH_DRAWS = 20
# Share of articles whose page says they were updated after publication.
UPDATED_SHARE = 0.1
# How long after the wire story a republished copy appears (minutes).
COPY_DELAY_MINUTES = (90, 360)
# First article number of each site's archive (URLs of some sites carry it);
# below the hand-written week's numbers (180000-199999), so they never meet.
FIRST_NUMBER = 150_000
# Local hours at which each kind of article is filed.
FILING_HOURS = {"weekday": (8, 21), "weekend": (9, 19), "report": (13, 22), "morning": (7, 10)}
