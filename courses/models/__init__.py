from .applications import KEY_RESPONDENT_STATEMENT_WORDS, Application
from .enrollments import AfterCourse, Enrollment, Role
from .pages import CASE_STUDY_WORD_LIMIT, CaseStudyPage, CoursePage, WeekPage, WeekState

__all__ = [
    "KEY_RESPONDENT_STATEMENT_WORDS",
    "AfterCourse",
    "Application",
    "CASE_STUDY_WORD_LIMIT",
    "CaseStudyPage",
    "CoursePage",
    "Enrollment",
    "Role",
    "WeekPage",
    "WeekState",
]
