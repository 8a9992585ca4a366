from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.outage import server_error_or_outage
from courses.page_admin import chooser_urls
from courses.reports import report_urls
from forum.attachments import serve_public_media
from forum.refusals import refused
from members.views.language import set_language
from members.views.sign_in import sign_in_with_allauth

# A closed week's forum says when it closed; every other refusal, the generic 403 page.
handler403 = refused
# A database out of reach: a 503 page in the site's layout, a post's text kept (cms/outage.py).
handler500 = server_error_or_outage

urlpatterns = [
    # One way to sign in, allauth's (throttled, email verified): the admins' own login
    # forms, ahead of the admins' URLs, only send people there.
    path("django-admin/login/", sign_in_with_allauth),
    path("admin/login/", sign_in_with_allauth),
    path("django-admin/", admin.site.urls),
    # Wagtail's reports that we narrow to one's own pages, ahead of its own at the same paths.
    path("admin/", include(report_urls())),
    # Wagtail's page chooser, narrowed to the pages one may choose, likewise.
    path("admin/", include(chooser_urls())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Django's set_language, which also keeps a member's choice in their profile.
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("courses.urls")),
    path("forum/", include("forum.urls")),  # our versions of a few machina views first
    path("forum/", include("machina.urls")),
    # Emails' one-click unsubscribe (no login: a signed link), before Wagtail's catch-all.
    path("notifications/", include("notifications.delivery_urls")),
    path("notifications/", include("notifications.urls")),  # the centre, preferences
    path("proceedings/", include("proceedings.urls")),  # the harvest, consent, exports
    path("members/", include("directory.urls")),  # the directory and profile pages
    path("communities/", include("communities.urls")),
    path("projects/", include("projects.urls")),
]

if settings.DEBUG:
    # The media folder, but the forum's attachments: only their view hands them out.
    urlpatterns += static(
        settings.MEDIA_URL, view=serve_public_media, document_root=settings.MEDIA_ROOT
    )

# Wagtail's catch-all comes last, after the one way to sign in replaces its front-end login.
urlpatterns += [
    path("_util/login/", sign_in_with_allauth),
    path("", include(wagtail_urls)),
]
