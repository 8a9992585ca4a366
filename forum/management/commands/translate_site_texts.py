"""Ask for the translation of every live page's, every forum's and every theme's and
region's texts.

Safe to run any time (``./dev run`` runs it at each start): a text unchanged since it was
last recorded asks for nothing. For a site that existed before pages were translated field
by field, it translates everything once.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from machina.core.db.models import get_model

from courses.page_texts import request_all_page_texts
from courses.vocabulary_texts import request_term_texts
from taxonomy.models import Region, Theme

from ...forum_names import request_forum_texts

Forum: Any = get_model("forum", "Forum")


class Command(BaseCommand):
    help = "Queue the translation of every live page's and forum's texts that changed."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            pages = request_all_page_texts()
            forums = sum(request_forum_texts(forum) for forum in Forum.objects.all())
            terms = sum(
                request_term_texts(term)
                for model in (Theme, Region)
                for term in model.objects.all()
            )
        self.stdout.write(
            f"Texts queued for translation: {pages} of pages, {forums} of forums, "
            f"{terms} of themes and regions."
        )
