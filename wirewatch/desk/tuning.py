"""How much the desk shows: each limit is data with the reason for its value."""

from __future__ import annotations

from typing import Final

# A desk reads the latest alerts over the last days; a hundred meetings is months of a busy desk.
ALERT_ROWS: Final = 100
# Top stories listed with every copy: enough to see the week's big stories, short enough to read.
TOP_STORIES: Final = 15
# Pairs on the meeting timeline: one row each; past about 25 rows the labels no longer fit.
TIMELINE_PAIRS: Final = 25
# Countries in the pair matrix: a 20 x 20 grid is the largest whose labels stay readable.
MATRIX_COUNTRIES: Final = 20
# Lines on the country-mentions chart: beyond 8 colours a reader cannot tell the lines apart.
MENTION_COUNTRIES: Final = 8
# Agencies drawn on their own in the share chart; the rest are summed as "other agencies".
SHARE_AGENCIES: Final = 8
# Meetings the web page lists at once: the filters narrow it, a page is for reading.
MEETING_ROWS: Final = 200
# Stories the web search lists at once.
SEARCH_STORIES: Final = 30
# A web request waits this long for a writer's batch to finish before answering 503:
# the run's write batches last well under a second, and a page must not hang.
LOCK_WAIT_SECONDS: Final = 3.0
# Words of a copy's text shown in a story page diff column; long features are cut, not the page.
DIFF_WORDS: Final = 1500
# Saved queries drawn in the report's attention chart: as many lines as a reader can tell apart.
ATTENTION_QUERIES: Final = 8
