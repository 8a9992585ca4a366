from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.demo import COURSE_SLUG, DEMO_PASSWORD, load_demo
from cms.demo.proceedings import seed_harvest
from cms.demo.proceedings_page import seed_proceedings_page
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Load the demo cohort (safe to run again: existing data is left as it is)."

    def handle(self, *args, **options):
        report = load_demo()
        # The harvest of weeks 1 to 5 and members' consent to be quoted (issue #16).
        report.created += seed_harvest(CoursePage.objects.get(slug=COURSE_SLUG))
        # The proceedings page of week 6, compiled from that harvest.
        report.created += seed_proceedings_page(CoursePage.objects.get(slug=COURSE_SLUG))
        if report.created:
            self.stdout.write(f"Created {len(report.created)} objects:")
            for line in report.created:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write("The demo cohort is already loaded: nothing to do.")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})"))
        for username, role, language in report.logins:
            self.stdout.write(f"  {username:<16} {role:<16} {language}")
