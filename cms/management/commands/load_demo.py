from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo cohort (safe to run again: existing data is left as it is)."

    def handle(self, *args, **options):
        report = load_demo()
        if report.created:
            self.stdout.write(f"Created {len(report.created)} objects:")
            for line in report.created:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write("The demo cohort is already loaded: nothing to do.")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})"))
        for username, role, language in report.logins:
            self.stdout.write(f"  {username:<16} {role:<16} {language}")
