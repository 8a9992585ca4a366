"""Fill the search index (forum.search_index) with what it does not hold yet.

Safe to run any time (``./dev run`` runs it at each start): once every post, page and forum
has its rows, it only checks. For a site that existed before full-text search, it indexes
everything once. ``--full`` empties the index and builds it again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...search_index import rebuild


class Command(BaseCommand):
    help = "Index for search the posts, pages and forums not indexed yet (--full: all again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--full", action="store_true", help="Empty the index and build it again."
        )

    def handle(self, *args, **options) -> None:
        counts = rebuild(full=options["full"])
        if options["verbosity"]:
            self.stdout.write(
                f"Search index: {counts['posts']} posts, {counts['objects']} pages and forums "
                "indexed."
            )
