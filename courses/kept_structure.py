"""How a course is built, kept in each process between requests (members/kept.py): which
week and which course a forum belongs to, which of a forum's topics are questions that ask
to post first. Every topic, week, reply and "This week" page asked the database again
(four to six queries a page) for facts that change when an organizer publishes or moves a
week or a course, or when a forum is mirrored: each such write moves the generation on,
once committed (receivers in courses/apps.py and forum/apps.py).

Only where the cache is shared between processes (production); elsewhere every call reads
the database.
"""

from __future__ import annotations

from members.kept import Kept

STRUCTURE = Kept("puentes:structure-generation", seconds=600, max_entries=4096)

#: `read()`'s answer, kept under `key` until the course structure is written.
kept = STRUCTURE.get
#: A receiver: a page, a forum's mirror or a question topic was written.
structure_written = STRUCTURE.written
