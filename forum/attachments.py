"""Files attached to forum posts: stored under names nobody can guess, served to readers only.

machina keeps an attachment in the default storage under `MACHINA_ATTACHMENT_FILE_UPLOAD_TO`
with the name it was uploaded with, and its download view asks for the forum's "download
files" right alone, answering with the type the name suggests (an `.html` file as a page).
Here a new file gets a folder of its own with a random name, the media URL never serves the
attachments' folder (`serve_public_media`, for development; the web server's configuration
in production, README), and the download view asks what the topic page asks: may this reader
see this post (its forum, its approval, an answer hidden until they post:
forum/independent.py). With `PUENTES_ATTACHMENT_ACCEL_PREFIX` set, the view answers with
nginx's `X-Accel-Redirect` and nginx sends the file.
"""

from __future__ import annotations

import mimetypes
import posixpath
import secrets
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.static import serve
from machina.conf import settings as machina_settings
from machina.core.db.models import get_model
from machina.core.loading import get_class

Attachment: Any = get_model("forum_attachments", "Attachment")
MachinaAttachmentView: Any = get_class(
    "forum_conversation.forum_attachments.views", "AttachmentView"
)

# Shown in the page; any other file is downloaded. Never SVG: a browser runs its scripts.
INLINE_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
DOWNLOAD_TYPE = "application/octet-stream"


def name_unguessably(sender, instance, **kwargs) -> None:
    """pre_save of an attachment: a new file goes into a folder with a random name, so that
    knowing a file's name (or guessing it) never gives its address."""
    file = instance.file
    if file and not file._committed:
        file.name = f"{secrets.token_urlsafe(16)}/{posixpath.basename(file.name)}"


def is_attachment_path(path: str) -> bool:
    """Whether a path under the media folder is in the attachments' folder, as
    `django.views.static.serve` would resolve it (case-insensitive file systems included)."""
    folder = posixpath.normpath(machina_settings.ATTACHMENT_FILE_UPLOAD_TO).strip("/").lower()
    target = posixpath.normpath(path).lstrip("/").lower()
    return target == folder or target.startswith(folder + "/")


def serve_public_media(request: HttpRequest, path: str, **kwargs: Any):
    """The development server's media files (DEBUG), but the attachments: their view only."""
    if is_attachment_path(path):
        raise Http404
    return serve(request, path, **kwargs)


def is_active_type(content_type: str) -> bool:
    """Types a browser may run as a document of the site's origin: HTML, XML, scripts."""
    return (
        content_type in {"text/html", "application/xhtml+xml", "application/xml", "text/xml"}
        or content_type.endswith("+xml")
        or "script" in content_type
    )


def attachment_response(attachment) -> HttpResponse | FileResponse:
    """The file itself: an image in the page, anything else as a download; never sniffed."""
    filename = attachment.filename
    guessed, _encoding = mimetypes.guess_type(filename)
    inline = guessed in INLINE_IMAGE_TYPES
    content_type = guessed if guessed and not is_active_type(guessed) else DOWNLOAD_TYPE
    response: HttpResponse | FileResponse
    if settings.PUENTES_ATTACHMENT_ACCEL_PREFIX:
        # nginx keeps Content-Type and Content-Disposition and sends the file (README).
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            settings.PUENTES_ATTACHMENT_ACCEL_PREFIX.rstrip("/") + "/" + quote(attachment.file.name)
        )
        disposition = content_disposition_header(not inline, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    else:
        try:
            file = attachment.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(
            file, as_attachment=not inline, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response


class AttachmentView(MachinaAttachmentView):
    """machina's download of an attachment, for those whom the topic page shows its post."""

    def get_queryset(self):
        return Attachment.objects.select_related("post__topic__forum")

    def get_object(self, queryset=None):
        # Asked twice, by the permission check and by the detail view.
        if not hasattr(self, "_attachment"):
            self._attachment = super().get_object(queryset)
        return self._attachment

    def get_controlled_object(self):
        return self.get_object().post

    def perform_permissions_check(self, user, obj, perms):
        handler = self.request.forum_permission_handler
        forum = obj.topic.forum
        if not handler.can_download_files(forum, user):
            return False
        if not obj.approved:
            # Its moderators see a post awaiting approval, files included, in their queue.
            return handler.can_approve_posts(forum, user)
        return handler.can_read_post(obj, user)

    def render_to_response(self, context, **response_kwargs):
        return attachment_response(self.object)
