"""Every URL pattern of the site, classified: checked by the privacy matrix (with the kind of
arguments it takes, see `url_arguments.candidates`), or skipped with the reason.

A pattern is named by its route as the URLconf spells it, the prefixes of its includes
joined (`str()` of each pattern; a `re_path` include shows its regex). A URL added to the
site and missing here fails `test_every_url_pattern_is_classified`: classify it.

`Check(kind, queries, words, json)`: the pattern's arguments come from the world's
candidates of that kind (their names must be the pattern's); each query string is tried
(`{word}` expands to each search word of the `words` group, other names to
`World.query_values`); `json` asks again with `Accept: application/json`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    kind: str | None = None
    queries: tuple[str, ...] = ("",)
    words: str | None = None
    json: bool = False


@dataclass(frozen=True)
class Skip:
    reason: str


def check(kind: str | None = None, *queries: str, words: str | None = None, json=False) -> Check:
    return Check(kind, queries or ("",), words, json)


SEARCH = ("?q={word}",)

SIGNS_OUT = "signs the identity out: the sweep would lose the session it tests"
TOKEN = "needs a token mailed to the account's owner; nobody else can fill it"
DELIBERATE_ERROR = "Wagtail's page that raises on purpose, to test error reporting"
DJANGO_ADMIN_OBJECT = (
    "an object page of Django's admin: AdminSite.admin_view asks is_staff on every URL, "
    "as on the changelists checked; no identity is staff"
)
NO_MEDIA = (
    "images and documents: the product stores none (no page field or block uses them); "
    "the listings are checked"
)
SITE_CONFIGURATION = (
    "site configuration (sites, collections, redirects, groups, workflows, tasks, "
    "settings): superusers only, holds no course content; the listings are checked"
)
UPLOAD = "an upload's second step: needs a file this identity uploaded first"
PASSWORD_RESTRICTION = "Wagtail's password view restrictions: the product sets none"
VOCABULARY = (
    "a theme or region (taxonomy): the one vocabulary every member reads on posts, holding no "
    "member's content; the listings are checked, and who may change or delete each term (only "
    "the organizers of every course using it, else superusers) by "
    "tests/proceedings/test_vocabulary_rights.py on each path"
)
PROCEEDINGS = "checked for every role by tests/proceedings (harvest, consent, exports views)"
CATCH_ALL = "catch-all of unknown paths (404 or redirect); every real path is checked above"
COMMUNITIES = "checked for every identity by tests/communities (pages, forum, search, feeds)"
PROJECTS = (
    "checked for every identity by tests/projects/test_permission_matrix.py (hidden projects, "
    "volunteers-only updates, offerers' names)"
)


# Long routes, spelled once.
FORUM_ADMIN = "django-admin/forum/forum/"
DJANGO_ADMIN_APPS = [
    "account",
    "wagtaildocs",
    "wagtailimages",
    "taggit",
    "forum",
    "forum_conversation",
    "forum_attachments",
    "forum_polls",
    "forum_tracking",
    "forum_member",
    "forum_permission",
    "auth",
]
PAGE_ADD = (
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
    "<int:parent_page_id>/"
)
IN_FORUM = "forum/forum/<str:forum_slug>-<int:forum_pk>/"
IN_TOPIC = f"{IN_FORUM}topic/<str:topic_slug>-<int:topic_pk>/"


def django_admin_model(path: str) -> dict[str, Check | Skip]:
    """Django's admin URLs of one registered model (changelist and add page checked)."""
    base = f"django-admin/{path}/"
    return {
        base: check(None, "", "?q={word}", words="people"),
        f"{base}add/": check(),
        **{
            f"{base}<path:object_id>/{tail}": Skip(DJANGO_ADMIN_OBJECT)
            for tail in ("history/", "delete/", "change/", "")
        },
    }


def wagtail_viewset(path: str, kind: str | None, *, words: str | None = None, copy=True):
    """A Wagtail ModelViewSet's URLs (index, results, new, edit, delete, history, usage, copy).

    `kind` None: a site-configuration viewset, its object pages skipped.
    """
    base = f"admin/{path}/"
    index = check(None, *(SEARCH if words else ("",)), words=words)
    tails = ["edit", "delete", "history", "history-results", "usage", *(["copy"] if copy else [])]
    objects = {
        f"{base}{tail}/<int:pk>/": check(kind) if kind else Skip(SITE_CONFIGURATION)
        for tail in tails
    }
    return {base: index, f"{base}results/": index, f"{base}new/": check(), **objects}


URLS: dict[str, Check | Skip] = {
    # The proceedings' own screens: who may open each (organizer, key respondent, member,
    # other course, anonymous) is tested in tests/proceedings/test_harvest_views.py,
    # test_consent.py and test_exports_views.py, on worlds of their own.
    "proceedings/<int:course_id>/consent/": Skip(PROCEEDINGS),
    "proceedings/<int:course_id>/exports/": Skip(PROCEEDINGS),
    "proceedings/<int:course_id>/harvest/": Skip(PROCEEDINGS),
    "proceedings/exports/": Skip(PROCEEDINGS),
    "proceedings/exports/<int:export_id>/download/": Skip(PROCEEDINGS),
    "proceedings/exports/<int:export_id>/retry/": Skip(PROCEEDINGS),
    "proceedings/exports/<int:export_id>/status/": Skip(PROCEEDINGS),
    "proceedings/passages/<int:passage_id>/edit/": Skip(PROCEEDINGS),
    "proceedings/passages/<int:passage_id>/include/": Skip(PROCEEDINGS),
    "proceedings/passages/<int:passage_id>/remove/": Skip(PROCEEDINGS),
    "proceedings/posts/<int:post_id>/harvest/": Skip(PROCEEDINGS),
    # Projects hold no course's secrets: their own matrix (tests/projects).
    "projects/": Skip(PROJECTS),
    "projects/new/": Skip(PROJECTS),
    "projects/<int:pk>/": Skip(PROJECTS),
    "projects/<int:pk>/edit/": Skip(PROJECTS),
    "projects/<int:pk>/offer/": Skip(PROJECTS),
    "projects/<int:pk>/updates/": Skip(PROJECTS),
    "projects/<int:pk>/close/": Skip(PROJECTS),
    "projects/<int:pk>/reopen/": Skip(PROJECTS),
    "projects/<int:pk>/hide/": Skip(PROJECTS),
    "projects/<int:pk>/unhide/": Skip(PROJECTS),
    "projects/offers/<int:pk>/accept/": Skip(PROJECTS),
    "projects/offers/<int:pk>/decline/": Skip(PROJECTS),
    "projects/offers/<int:pk>/withdraw/": Skip(PROJECTS),
    # Communities of practice without a course: their own permission matrix, on worlds of
    # their own (tests/communities/test_permission_matrix.py).
    "communities/": Skip(COMMUNITIES),
    "communities/propose/": Skip(COMMUNITIES),
    "communities/proposals/": Skip(COMMUNITIES),
    "communities/proposals/<int:pk>/decide/": Skip(COMMUNITIES),
    "communities/invitations/": Skip(COMMUNITIES),
    "communities/invitations/<int:pk>/answer/": Skip(COMMUNITIES),
    "communities/<slug:slug>/": Skip(COMMUNITIES),
    "communities/<slug:slug>/join/": Skip(COMMUNITIES),
    "communities/<slug:slug>/leave/": Skip(COMMUNITIES),
    "communities/<slug:slug>/request/": Skip(COMMUNITIES),
    "communities/<slug:slug>/manage/": Skip(COMMUNITIES),
    "communities/<slug:slug>/manage/requests/<int:pk>/": Skip(COMMUNITIES),
    "communities/<slug:slug>/manage/invite/": Skip(COMMUNITIES),
    "communities/<slug:slug>/manage/hosts/<int:user_id>/": Skip(COMMUNITIES),
    "communities/<slug:slug>/manage/remove/<int:user_id>/": Skip(COMMUNITIES),
    "communities/<slug:slug>/manage/share/": Skip(COMMUNITIES),
    # The members' directory: the profile page lists a member's posts (only those the
    # reader may read); the secret posts' authors are its candidates.
    "members/": check(None, "", "?q={word}", words="people"),
    "members/me/": check(),
    "members/<str:username>/": check("username"),
    # ------------------------------------------------------------------ Django's admin
    "django-admin/": check(),
    "django-admin/login/": check(),
    "django-admin/logout/": Skip(SIGNS_OUT),
    "django-admin/password_change/": check(),
    "django-admin/password_change/done/": check(),
    "django-admin/autocomplete/": check(None, "?term={word}", words="people"),
    "django-admin/jsi18n/": check(),
    "django-admin/r/<path:content_type_id>/<path:object_id>/": Skip(DJANGO_ADMIN_OBJECT),
    **django_admin_model("account/emailaddress"),
    **django_admin_model("wagtaildocs/document"),
    **django_admin_model("wagtailimages/image"),
    "django-admin/taggit/tag/merge-tags/": check(),
    **django_admin_model("taggit/tag"),
    "django-admin/forum/forum/^(?P<forum_id>[0-9]+)/move-forum/(?P<direction>up|down)/$": Skip(
        DJANGO_ADMIN_OBJECT
    ),
    "django-admin/forum/forum/^edit-global-permissions/$": check(),
    "django-admin/forum/forum/^edit-global-permissions/user/(?P<user_id>[0-9]+)/$": Skip(
        DJANGO_ADMIN_OBJECT
    ),
    "django-admin/forum/forum/^edit-global-permissions/user/anonymous/$": check(),
    "django-admin/forum/forum/^edit-global-permissions/user/authenticated/$": check(),
    "django-admin/forum/forum/^edit-global-permissions/group/(?P<group_id>[0-9]+)/$": Skip(
        DJANGO_ADMIN_OBJECT
    ),
    "django-admin/forum/forum/^(?P<forum_id>[0-9]+)/edit-permissions/$": Skip(DJANGO_ADMIN_OBJECT),
    "django-admin/forum/forum/^(?P<forum_id>[0-9]+)/edit-permissions/user/(?P<user_id>[0-9]+)/$": (
        Skip(DJANGO_ADMIN_OBJECT)
    ),
    "django-admin/forum/forum/^(?P<forum_id>[0-9]+)/edit-permissions/user/anonymous/$": Skip(
        DJANGO_ADMIN_OBJECT
    ),
    "django-admin/forum/forum/^(?P<forum_id>[0-9]+)/edit-permissions/user/authenticated/$": Skip(
        DJANGO_ADMIN_OBJECT
    ),
    f"{FORUM_ADMIN}^(?P<forum_id>[0-9]+)/edit-permissions/group/(?P<group_id>[0-9]+)/$": (
        Skip(DJANGO_ADMIN_OBJECT)
    ),
    **django_admin_model("forum/forum"),
    **django_admin_model("forum_conversation/topic"),
    **django_admin_model("forum_conversation/post"),
    **django_admin_model("forum_attachments/attachment"),
    **django_admin_model("forum_polls/topicpoll"),
    **django_admin_model("forum_polls/topicpolloption"),
    **django_admin_model("forum_polls/topicpollvote"),
    **django_admin_model("forum_tracking/forumreadtrack"),
    **django_admin_model("forum_tracking/topicreadtrack"),
    **django_admin_model("forum_member/forumprofile"),
    **django_admin_model("forum_permission/forumpermission"),
    **django_admin_model("forum_permission/groupforumpermission"),
    **django_admin_model("forum_permission/userforumpermission"),
    **django_admin_model("auth/group"),
    "django-admin/auth/user/<id>/password/": Skip(DJANGO_ADMIN_OBJECT),
    **django_admin_model("auth/user"),
    f"django-admin/^(?P<app_label>{'|'.join(DJANGO_ADMIN_APPS)})/$": (check("django_admin_app")),
    "django-admin/(?P<url>.*)$": Skip(CATCH_ALL),
    # ------------------------------------------------------------------ Wagtail's admin
    "admin/": check(),
    "admin/login/": check(),
    "admin/logout/": Skip(SIGNS_OUT),
    "admin/password_reset/": check(),
    "admin/password_reset/done/": check(),
    "admin/password_reset/confirm/<uidb64>/<token>/": Skip(TOKEN),
    "admin/password_reset/complete/": check(),
    "admin/account/": check(),
    "admin/test404/": check(),
    "admin/failwhale/": Skip(DELIBERATE_ERROR),
    "admin/sprite/": check(),
    "admin/jsi18n/": check(),
    "admin/dismissibles/": check(),
    "admin/block-preview/": check(),
    "admin/^.*/$": Skip(CATCH_ALL),
    # The admin API feeds the page explorer and choosers: JSON.
    # (Django REST framework: JSON whatever the Accept header.)
    "admin/api/main/^pages/": check(
        None, "", "?search={word}", "?child_of={b_id}", "?descendant_of={b_id}", words="pages"
    ),
    "admin/api/main/^pages/<int:pk>/": check("page_pk"),
    "admin/api/main/^pages/find/": check(None, "?html_path={b_path}"),
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": check("page_action"),
    "admin/api/main/^documents/": check(),
    "admin/api/main/^documents/<int:pk>/": Skip(NO_MEDIA),
    "admin/api/main/^documents/find/": check(),
    "admin/api/main/^images/": check(),
    "admin/api/main/^images/<int:pk>/": Skip(NO_MEDIA),
    "admin/api/main/^images/find/": check(),
    # Pages
    "admin/pages/": check(),
    "admin/pages/<int:parent_page_id>/": check("parent_page"),
    "admin/pages/<int:parent_page_id>/results/": check("parent_page"),
    "admin/pages/search/": check(None, *SEARCH, words="pages"),
    "admin/pages/search/results/": check(None, *SEARCH, words="pages"),
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": check(
        "bulk", "?{bulk_ids}&next=/admin/"
    ),
    PAGE_ADD: check("add_page"),
    f"{PAGE_ADD}preview/": check("add_page"),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": check(
        "page_type"
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": (
        check("page_type")
    ),
    "admin/pages/create/<slug:app_label>/<slug:model_name>": check("page_model"),
    "admin/pages/<int:page_id>/usage/": check("page"),
    "admin/pages/<int:page_id>/edit/": check("page"),
    "admin/pages/<int:page_id>/edit/preview/": check("page"),
    "admin/pages/<int:page_id>/view_draft/": check("page"),
    "admin/pages/<int:parent_page_id>/add_subpage/": check("parent_page"),
    "admin/pages/<int:page_id>/delete/": check("page"),
    "admin/pages/<int:page_id>/unpublish/": check("page"),
    "admin/pages/<int:page_id>/convert_alias/": check("page"),
    "admin/pages/<int:page_to_move_id>/move/": check("page_to_move"),
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": check("page_move"),
    "admin/pages/<int:page_to_move_id>/set_position/": check("page_to_move"),
    "admin/pages/<int:page_id>/copy/": check("page"),
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": check(
        "page_task_action"
    ),
    "admin/pages/workflow/collect_action_data/"
    "<int:page_id>/<slug:action_name>/<int:task_state_id>/": check("page_task_action"),
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": check("page"),
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": check("page_task"),
    "admin/pages/<int:page_id>/privacy/": check("page"),
    "admin/pages/<int:page_id>/lock/": check("page"),
    "admin/pages/<int:page_id>/unlock/": check("page"),
    "admin/pages/<int:page_id>/revisions/": check("page"),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": check("page_revision"),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": check("page_revision"),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": check("page_revision"),
    "admin/pages/^(?P<pk>\\d+)/revisions/compare/"
    "(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": check(
        "page_revision_compare"
    ),
    "admin/pages/<int:page_id>/workflow_history/": check("page"),
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": check(
        "page_workflow_state"
    ),
    "admin/pages/<int:page_id>/history/": check("page"),
    "admin/pages/<int:page_id>/history/results/": check("page"),
    # Choosers
    "admin/choose-page/": check(),
    "admin/choose-page/<int:parent_page_id>/": check("parent_page"),
    "admin/choose-page/search/": check(None, *SEARCH, words="pages"),
    "admin/choose-page/chosen-multiple/": check(None, "?{page_ids}"),
    "admin/choose-external-link/": check(),
    "admin/choose-email-link/": check(),
    "admin/choose-phone-link/": check(),
    "admin/choose-anchor-link/": check(),
    "admin/tag-autocomplete/": check(None, "?term=a", json=True),
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": check(
        "tag_model", "?term=a", json=True
    ),
    "admin/documents/chooser/": check(),
    "admin/documents/chooser/results/": check(),
    "admin/documents/chooser/chosen/<str:pk>/": Skip(NO_MEDIA),
    "admin/documents/chooser/chosen-multiple/": check(),
    "admin/documents/chooser/create/": check(),
    "admin/images/chooser/": check(),
    "admin/images/chooser/results/": check(),
    "admin/images/chooser/chosen/<str:pk>/": Skip(NO_MEDIA),
    "admin/images/chooser/chosen-multiple/": check(),
    "admin/images/chooser/create/": check(),
    "admin/images/chooser/<int:image_id>/select_format/": Skip(NO_MEDIA),
    "admin/embeds/chooser/": check(),
    "admin/embeds/chooser/upload/": check(),
    # Collections, workflows, reports
    "admin/collections/": check(),
    "admin/collections/add/": check(),
    "admin/collections/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/collections/<int:pk>/delete/": Skip(SITE_CONFIGURATION),
    "admin/collections/<int:collection_id>/privacy/": Skip(SITE_CONFIGURATION),
    "admin/workflows/list/": check(),
    "admin/workflows/list/results/": check(),
    "admin/workflows/add/": check(),
    "admin/workflows/enable/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/workflows/disable/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/workflows/edit/<int:pk>/": Skip(SITE_CONFIGURATION),
    # A workflow's usage lists the pages it reviews: checked.
    "admin/workflows/usage/<int:pk>/": check("workflow"),
    "admin/workflows/usage/<int:pk>/results/": check("workflow"),
    "admin/workflows/remove/<int:page_pk>/": check("workflow_page"),
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": check("workflow_page_workflow"),
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": Skip(SITE_CONFIGURATION),
    "admin/workflows/tasks/select_type/": check(),
    "admin/workflows/tasks/index/": check(),
    "admin/workflows/tasks/index/results/": check(),
    "admin/workflows/tasks/edit/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/workflows/tasks/disable/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/workflows/tasks/enable/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/workflows/task_chooser/": check(),
    "admin/workflows/task_chooser/results/": check(),
    "admin/workflows/task_chooser/create/": check(),
    "admin/workflows/task_chooser/<int:task_id>/": check("task"),
    "admin/reports/locked/": check(),
    "admin/reports/locked/results/": check(),
    "admin/reports/workflow/": check(),
    "admin/reports/workflow/results/": check(),
    "admin/reports/workflow_tasks/": check(),
    "admin/reports/workflow_tasks/results/": check(),
    "admin/reports/site-history/": check(),
    "admin/reports/site-history/results/": check(),
    "admin/reports/aging-pages/": check(),
    "admin/reports/aging-pages/results/": check(),
    "admin/reports/page-types-usage/": check(),
    "admin/reports/page-types-usage/results/": check(),
    "admin/editing-sessions/ping/"
    "<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": check("editing_session"),
    "admin/editing-sessions/release/<int:session_id>/": check("editing_session_id"),
    # Our admin views (courses, forum)
    "admin/applications/": check(),
    "admin/applications/<int:pk>/decide/": check("application"),
    "admin/translations/failed/": check(),
    "admin/translations/retry/": check(),
    # notifications: the organizers' failed emails and the week forums' subscription modes
    "admin/emails/failed/": check(),
    "admin/emails/<int:pk>/retry/": check("email"),
    "admin/notifications/forum-modes/": check(),
    "admin/participation/": check(),
    "admin/participation/<int:course_id>/": check("course", "", "?format=csv"),
    "admin/dashboard/": check(),
    **wagtail_viewset("enrollments", "enrollment", words="people", copy=True),
    **wagtail_viewset("glossary", "glossary_term", words="glossary"),
    **wagtail_viewset("communities", "community", words="communities"),
    # Form pages (the product has no form page type), redirects, settings, snippets, media
    "admin/forms/": check(),
    "admin/forms/results/": check(),
    "admin/forms/submissions/<int:page_id>/": check("page"),
    "admin/forms/submissions/<int:page_id>/results/": check("page"),
    "admin/forms/submissions/<int:page_id>/delete/": check("page"),
    "admin/redirects/": check(),
    "admin/redirects/results/": check(),
    "admin/redirects/add/": check(),
    "admin/redirects/<int:redirect_id>/": Skip(SITE_CONFIGURATION),
    "admin/redirects/<int:redirect_id>/delete/": Skip(SITE_CONFIGURATION),
    "admin/redirects/import/": check(),
    "admin/redirects/import/process/": check(),
    "admin/settings/<slug:app_name>/<slug:model_name>/": Skip(SITE_CONFIGURATION),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": Skip(SITE_CONFIGURATION),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": Skip(SITE_CONFIGURATION),
    "admin/snippets/": check(),
    # The themes and regions (taxonomy): one public vocabulary, no member's content.
    **{
        f"admin/snippets/{prefix}taxonomy/{model}/{tail}": check()
        for model in ("theme", "region")
        for prefix, tails in (
            ("", ("", "results/", "add/")),
            ("choose/", ("", "results/", "create/", "chosen-multiple/")),
        )
        for tail in tails
    },
    **{
        f"admin/snippets/{path}": Skip(VOCABULARY)
        for model in ("theme", "region")
        for path in (
            *(
                f"taxonomy/{model}/{tail}/<int:pk>/"
                for tail in ("copy", "delete", "edit", "history-results", "history", "usage")
            ),
            f"choose/taxonomy/{model}/chosen/<str:pk>/",
        )
    },
    "admin/documents/": check(),
    "admin/documents/results/": check(),
    "admin/documents/add/": check(),
    "admin/documents/edit/<int:document_id>/": Skip(NO_MEDIA),
    "admin/documents/delete/<int:document_id>/": Skip(NO_MEDIA),
    "admin/documents/multiple/add/": check(),
    "admin/documents/multiple/<int:doc_id>/": Skip(NO_MEDIA),
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": Skip(UPLOAD),
    "admin/documents/multiple/<int:doc_id>/delete/": Skip(NO_MEDIA),
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": Skip(UPLOAD),
    "admin/documents/usage/<int:document_id>/": Skip(NO_MEDIA),
    "admin/images/": check(),
    "admin/images/results/": check(),
    "admin/images/add/": check(),
    "admin/images/<int:image_id>/": Skip(NO_MEDIA),
    "admin/images/<int:image_id>/delete/": Skip(NO_MEDIA),
    "admin/images/<int:image_id>/generate_url/": Skip(NO_MEDIA),
    "admin/images/<int:image_id>/generate_url/output/": Skip(NO_MEDIA),
    "admin/images/<int:image_id>/preview/<str:filter_spec>/": Skip(NO_MEDIA),
    "admin/images/usage/<int:image_id>/": Skip(NO_MEDIA),
    "admin/images/multiple/add/": check(),
    "admin/images/multiple/<int:image_id>/": Skip(NO_MEDIA),
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": Skip(UPLOAD),
    "admin/images/multiple/<int:image_id>/delete/": Skip(NO_MEDIA),
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": Skip(UPLOAD),
    # Site configuration viewsets; users are people, so theirs are checked object by object.
    **wagtail_viewset("sites", None),
    **wagtail_viewset("users", "wagtail_user", words="people"),
    **wagtail_viewset("groups", None, copy=False),
    # ------------------------------------------------------------------ documents, accounts
    "documents/^(\\d+)/(.*)$": Skip(NO_MEDIA),
    "documents/authenticate_with_password/<int:restriction_id>/": Skip(PASSWORD_RESTRICTION),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": Skip(
        PASSWORD_RESTRICTION
    ),
    "_util/login/": check(),
    "i18n/setlang/": check(),
    "accounts/login/": check(),
    "accounts/logout/": Skip(SIGNS_OUT),
    "accounts/inactive/": check(),
    "accounts/signup/": check(),
    "accounts/reauthenticate/": check(),
    "accounts/email/": check(),
    "accounts/confirm-email/": check(),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": Skip(TOKEN),
    "accounts/password/change/": check(),
    "accounts/password/set/": check(),
    "accounts/password/reset/": check(),
    "accounts/password/reset/done/": check(),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Skip(TOKEN),
    "accounts/password/reset/key/done/": check(),
    "accounts/login/code/confirm/": check(),
    "account/translation/": check(),
    # ------------------------------------------------------------------ the cohort
    "this-week/": check(),
    "courses/<int:course_id>/apply/": check("course"),
    "courses/<int:course_id>/after/": check("course"),
    # ------------------------------------------------------------------ the forum (ours first)
    "forum/": check(),
    "forum/my/progress/": check(),
    "forum/my/questions/": check(),
    "forum/search/": check(None, *SEARCH, words="forum search"),
    "forum/translations/review/": check(
        None, "", "?course={b_id}", "?course={a_id}", "?kind=pages", "?kind=pages&page={b_id}"
    ),
    "forum/translations/<int:pk>/edit/": check("translation", json=True),
    "forum/translations/text/<int:pk>/edit/": check("text_translation", json=True),
    "forum/feeds/topics/": check(),
    # The post editor (forum/editor.py): a GET of the preview is refused (POST only).
    f"{IN_FORUM}editor/preview/": check("forum_route"),
    f"{IN_FORUM}editor/members/": check(
        "forum_route", "", "?q=Sekret", "?q={word}", words="people"
    ),
    "forum/feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/": check("forum_route"),
    "forum/feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/all/": check("forum_route"),
    "forum/forum/<str:forum_slug>-<int:forum_pk>/topic/<str:slug>-<int:pk>/": check(
        "topic", "", "?post={hidden_b_pk}", "?page=2"
    ),
    "forum/forum/<str:forum_slug>-<int:forum_pk>/topic/create/": check("forum_route"),
    "forum/forum/<str:forum_slug>-<int:forum_pk>/topic/<str:slug>-<int:pk>/update/": check("topic"),
    f"{IN_TOPIC}post/create/": check(
        "topic_route", "", "?quote={hidden_b_pk}", "?quote={community_b_pk}"
    ),
    f"{IN_TOPIC}<int:pk>/post/update/": check("post"),
    f"{IN_TOPIC}<int:pk>/post/delete/": check("post"),
    "forum/forum/<str:slug>-<int:pk>/": check("forum"),
    "forum/poll/<int:pk>/vote/": check("poll"),
    "forum/attachment/<int:pk>/": check("attachment"),
    "forum/member/profile/edit/": check(),
    "forum/member/profile/<str:pk>/": check("user"),
    "forum/member/profile/<str:pk>/posts/": check("user"),
    # machina's own (those shadowed by ours above request the same URLs, once)
    "forum/^feeds/topics/": check(),
    "forum/^feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/": check("forum_route"),
    "forum/^feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/all/": check("forum_route"),
    "forum/^member/profile/edit/": check(),
    "forum/^member/profile/<str:pk>/": check("user"),
    "forum/^member/profile/<str:pk>/posts/": check("user"),
    "forum/^member/subscriptions/": check(),
    "forum/^member/topic/<int:pk>/subscribe/": check("topic_pk"),
    "forum/^member/topic/<int:pk>/unsubscribe/": check("topic_pk"),
    # notifications: the centre (a notice about a secret post), preferences, following
    "notifications/": check(),
    "notifications/<int:pk>/open/": check("notice"),
    "notifications/read/": check(),
    "notifications/preferences/": check(),
    "notifications/forums/<int:forum_id>/follow/": check("forum_id"),
    "notifications/topics/<int:topic_id>/unfollow/": check("topic_id"),
    # the one-click unsubscribe answers a forged token with 400, whoever asks
    "notifications/unsubscribe/<str:token>/": check("unsubscribe_token"),
    **{
        f"forum/^moderation/topic/<str:slug>-<int:pk>/{action}/": check("topic_slug_pk")
        for action in (
            "lock",
            "unlock",
            "delete",
            "move",
            "change/topic",
            "change/sticky",
            "change/announce",
        )
    },
    "forum/^moderation/queue/": check(),
    "forum/^moderation/queue/<int:pk>/": check("post_pk"),
    "forum/^moderation/queue/<int:pk>/approve/": check("post_pk"),
    "forum/^moderation/queue/<int:pk>/disapprove/": check("post_pk"),
    "forum/^search/": check(None, *SEARCH, words="posts"),
    "forum/^tracking/mark/forums/": check(),
    "forum/^tracking/mark/forums/<int:pk>/": check("forum_pk"),
    "forum/^tracking/mark/forum/<int:pk>/topics/": check("forum_pk"),
    "forum/^tracking/unread-topics/": check(),
    # ------------------------------------------------------------------ Wagtail's pages
    "^((?:[\\w\\-]+/)*)$": check("site_path"),
}
