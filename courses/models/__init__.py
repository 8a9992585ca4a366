from .enrollments import Enrollment, Role
from .pages import CASE_STUDY_WORD_LIMIT, CaseStudyPage, CoursePage, WeekPage, WeekState
from .profiles import Profile

__all__ = [
    "CASE_STUDY_WORD_LIMIT",
    "CaseStudyPage",
    "CoursePage",
    "Enrollment",
    "Profile",
    "Role",
    "WeekPage",
    "WeekState",
]
