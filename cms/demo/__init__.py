"""The demo cohort, in one place: its plain data (`data`), the course side (`course`: people,
pages, enrollments, applications) and the discussions on top (`discussions`). The
`load_demo` command loads it; nothing else imports it.
"""

from .course import COURSE_SLUG, DEMO_PASSWORD
from .discussions import load_demo

__all__ = ["COURSE_SLUG", "DEMO_PASSWORD", "load_demo"]
