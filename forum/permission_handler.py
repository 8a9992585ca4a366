"""machina's permission handler with its forum-tree filter done in memory, and which posts a
reader may see.

machina walks the forum tree with one `get_children()` query per forum to drop forums
whose ancestors are not granted; the forum list it already holds says the same.

The forums a user is granted (for a list of permission codenames) are kept in the cache
between requests: machina computes them from every permission row of every forum, work
that grows with the forums on each page. Any change to the grants, the forums, the groups
or a member's groups bumps a generation that every key carries (`forget_granted_forums`,
receivers in forum/apps.py; `forum.permissions` after its bulk writes); the expiry bounds
a change that raced a read.

Views that show a post outside its topic page (the translators' editor and queue) ask
`readable_posts` / `can_read_post`: the posts the topic page would show that reader.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import QuerySet
from machina.core.db.models import get_model
from machina.core.loading import get_class

from members.kept import now_and_at_commit
from members.request_memo import cache_generation, next_generation, shared_cache

from .independent import without_hidden_answers

Forum: Any = get_model("forum", "Forum")
Post: Any = get_model("forum_conversation", "Post")
MachinaPermissionHandler: Any = get_class("forum_permission.handler", "PermissionHandler")
MachinaPermissionChecker: Any = get_class("forum_permission.checker", "ForumPermissionChecker")
MachinaForumPermissionMiddleware: Any = get_class(
    "forum_permission.middleware", "ForumPermissionMiddleware"
)


#: Bumped by every change that may change what a user is granted.
GRANTS_GENERATION = "puentes:forum-grants-generation"
GRANTS_SECONDS = 600


def forget_granted_forums(**kwargs) -> None:
    """Grants, forums, groups or a member's groups changed: every user's grants are read
    again, now (this transaction's own readers) and once the change is committed (a reader
    elsewhere that computed the grants from the rows before the commit kept them under the
    generation of now, which the commit moves on)."""
    now_and_at_commit(lambda: next_generation(GRANTS_GENERATION))


def forum_added(sender, instance, created: bool = False, **kwargs) -> None:
    if created:
        forget_granted_forums()


class CachedPermissionChecker(MachinaPermissionChecker):
    """A user's permissions on one forum (what topic and week pages ask, two queries each
    time), kept between requests under the same generation as the granted forums."""

    def get_perms(self, forum):
        user = self.user
        if forum is None or user.is_superuser or (user.is_authenticated and not user.is_active):
            return super().get_perms(forum)
        if forum.id not in self._forum_perms_cache:
            generation = cache_generation(GRANTS_GENERATION)
            who = user.pk if user.is_authenticated else "anonymous"
            key = f"puentes:forum-perms:{generation}:{who}:{forum.id}"
            codenames = cache.get(key)
            if codenames is None:
                codenames = sorted(super().get_perms(forum))
                cache.set(key, codenames, GRANTS_SECONDS)
            self._forum_perms_cache[forum.id] = set(codenames)
        return self._forum_perms_cache[forum.id]


class PermissionHandler(MachinaPermissionHandler):
    #: Whether the grants cached between requests are used (see the module's docstring).
    cached_grants = True

    def _get_checker(self, user):
        if not self.cached_grants:
            return super()._get_checker(user)
        key = user.id if not user.is_anonymous else "anonymous"
        if key not in self._user_perm_checkers_cache:
            self._user_perm_checkers_cache[key] = CachedPermissionChecker(user)
        return self._user_perm_checkers_cache[key]

    def _get_forums_for_user(self, user, perm_codenames, use_tree_hierarchy=False):
        if user.is_superuser or not self.cached_grants:
            return super()._get_forums_for_user(user, perm_codenames, use_tree_hierarchy)
        generation = cache_generation(GRANTS_GENERATION)
        who = user.pk if user.is_authenticated else "anonymous"
        key = (
            f"puentes:forum-grants:{generation}:{who}:{','.join(perm_codenames)}:"
            f"{int(use_tree_hierarchy)}"
        )
        if key in self._granted_forums_cache:
            return self._granted_forums_cache[key]
        ids = cache.get(key)
        if ids is None:
            granted = super()._get_forums_for_user(user, perm_codenames, use_tree_hierarchy)
            cache.set(key, [forum.pk for forum in granted], GRANTS_SECONDS)
        elif not ids:  # granted nowhere (most readers, for the moderation queue)
            granted = []
        else:
            wanted = set(ids)
            granted = [forum for forum in self._get_all_forums() if forum.pk in wanted]
        self._granted_forums_cache[key] = granted
        return granted

    def _filter_granted_forums_using_tree(self, granted_forums):
        granted = {forum.id for forum in granted_forums}
        forums = self._get_all_forums()
        parent_of = {forum.id: forum.parent_id for forum in forums}

        def reachable(forum_id: int | None) -> bool:
            while forum_id is not None:
                if forum_id not in granted:
                    return False
                forum_id = parent_of.get(forum_id)
            return True

        return [forum for forum in forums if reachable(forum.id)]

    def readable_posts(self, posts: QuerySet, user: User | AnonymousUser) -> QuerySet:
        """The posts among `posts` that the topic page shows `user`: approved, in a forum they
        may read, and no answer hidden until they post (forum/independent.py)."""
        forums = self.get_readable_forums(Forum.objects.all(), user)
        return without_hidden_answers(posts.filter(approved=True, topic__forum__in=forums), user)

    def can_read_post(self, post, user: User | AnonymousUser) -> bool:
        return self.readable_posts(Post.objects.filter(pk=post.pk), user).exists()


class ForumPermissionMiddleware(MachinaForumPermissionMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.forum_permission_handler = PermissionHandler()


class FreshPermissionHandler(PermissionHandler):
    """The grants as every process sees them now: for notices and the worker's emails.

    The changes that drop a cached grant move the generation on in the cache, and only a
    shared cache (Redis, in production) carries that to the other processes. On the
    embedded default (a cache per process) a worker would otherwise email a post of a
    private community to a member who left it, until the entry expired: there the grants
    are read from the database every time.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cached_grants = shared_cache()
