"""Our overrides of machina's templates, pinned to the machina files they were made from.

A copy of a machina template (whole, or a block of it in an override that extends
"machina/<path>") keeps machina's markup as it was when we copied it: a later fix in
machina's file would never reach our pages. So each copy is listed with the sha256 of the
machina file it came from, and a test fails, naming the file, when the installed machina's
file is no longer that one.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from machina import MACHINA_MAIN_TEMPLATE_DIR

MACHINA_TEMPLATES = Path(MACHINA_MAIN_TEMPLATE_DIR)
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Our template (same path as machina's) -> sha256 of the django-machina 1.3.1 file it copies.
COPIED_FROM_MACHINA = {
    "forum_member/forum_profile_detail.html": (
        "25648329e04fb0f6cceeae9772b97cb06d4c9e715d9ca47430535956641c08f6"
    ),
    "forum_member/user_posts_list.html": (
        "020e172ab0a5c10be4ba12854bec384a866edb2af94ac0fbd1fee870deb05512"
    ),
    "board_base.html": "dfc0273298d4c1ee5d5c5cddcf9db9a55e0cfb0f5de339da5c17901a4ae6f033",
    "forum/index.html": "ad791b14762c19e6d49cb06412df11071e9e63d6748c8ea46a20d0adc44cdea1",
    "forum/forum_detail.html": "f56547113d916934f124e9f20e676277cd5b62e8d9567fd159e6e33e45ef425f",
    "forum/forum_list.html": "e1a4d7336ed836963c7ddf2fb416345d96d310d153f4db6cfbd693f354defe36",
    "forum_conversation/topic_detail.html": (
        "97c65ae2576661d83e7c42a8cf0eae168cd145d0bdb8e0afebb397fe4bd222ca"
    ),
    "forum_conversation/post_create.html": (
        "9e56250be8a74a43d8b9ae323dc3959fbac5debf11776b3a15fdaa579170cef5"
    ),
    "forum_conversation/post_update.html": (
        "6d724128a61c6dd23c76b540db1db0d9c7fa3090e0f594bcfa5f39ef475967e1"
    ),
    "forum_conversation/topic_update.html": (
        "fb2c80b2614c52af7a492c6dcb25e46eb432adf8da3bcf30a3c6ba64c794a5a7"
    ),
    "forum_conversation/topic_create.html": (
        "3a6cb214cf663da581727d620d5f624701c8722143b2650a67dfb5024f05c969"
    ),
    "forum_conversation/topic_list.html": (
        "8a2f0d27fd5b9680dd81113cf9862ce22373526258bf6ad658d2fe1c0994d61d"
    ),
    "forum_conversation/partials/topic_form.html": (
        "83578d34464895b40111997d9f5c8318360d674b3f22e93f1d3db86bb2cc4b4a"
    ),
    "forum_conversation/partials/post_form.html": (
        "594d8f8cb880a4e775df3132ad318fe804b491226f0da5c9e2be3fd22598f670"
    ),
    "forum_conversation/partials/topic_detail_actions.html": (
        "890e9e34599a6b055cca63ce4561d63da5e6a68501649f2cc8d2feac732d0f40"
    ),
    "forum_conversation/forum_polls/poll_results.html": (
        "16d1c4e07f7c8abd1af3e7135003286b0483fda202009adca4144a1488d655ff"
    ),
    "forum_feeds/topics_description.html": (
        "64a6c3dcf76dc2c1358bb0285a45d2adc8afdff9878afb61b709166fdd83857f"
    ),
    "forum_feeds/topics_title.html": (
        "57df04c3f282cef467e06b05dff900adb55590d1735a06ceb04c12786fc1176a"
    ),
    "partials/avatar.html": "4738d6aa97c42880bc852a3bafbeef036193724b61ba50a7e5148c6ed43822f9",
    "forum_moderation/moderation_queue/list.html": (
        "19810d31d203d0552c3e3d19ad0e37111b2266634522c48234411c9adb1ab28d"
    ),
    "forum_moderation/moderation_queue/detail.html": (
        "df3c9aff8325ae048719de59d574269df79e1865ccbaa2ca0bacb69c4fd4d003"
    ),
    "partials/breadcrumb.html": "8009e382e9b5a5c6efbde11650c300faf037a50f22cdb04a1ad29cb658c671a0",
    # machina's confirmation pages, rewritten on one page of ours (cohort_forum/confirm.html): a
    # real submit button and an h1 where machina has role="submit" and an h3.
    "forum_conversation/post_delete.html": (
        "d3937f39d74b8fe1fff93269a7ed02ef01b73e6f0691be9c39e9850a88429a61"
    ),
    "forum_member/topic_subscribe.html": (
        "ecae22ebf9241af585d7348fb5af223377fee640c36ab22cc1a1d2adebf9d922"
    ),
    "forum_member/topic_unsubscribe.html": (
        "74f6078b5a65fdc22a7253a8665a43512e62a22b66e71ab2bf27d507bdf0c33d"
    ),
    "forum_moderation/moderation_queue/post_approve.html": (
        "3cf25d834e66834b55cc88e72e3b9ffff67109ac2979eaf3e70eef06c204fcb5"
    ),
    "forum_moderation/moderation_queue/post_disapprove.html": (
        "93367a903e623e9f51b5101a4c58d758144e29151849d8306d849083d94c6da8"
    ),
    "forum_moderation/topic_delete.html": (
        "798f88c285d70783ba708564401ea7811f322fa08678e362704ee3341c1c39cb"
    ),
    "forum_moderation/topic_lock.html": (
        "67158765e3590df4a8b4e110719824cd640be6bc70470a3ccb70266adc2ad904"
    ),
    "forum_moderation/topic_move.html": (
        "706ad7808881744fc1c1686e2bdff7e6ac298661dfa8f973c328454274c09e61"
    ),
    "forum_moderation/topic_unlock.html": (
        "f1299d251924222bbcb2a33488e0daf059549a0633904e9b667b7f72582de213"
    ),
    "forum_moderation/topic_update_type.html": (
        "9e8b0aca8231a3647f7e763eac7976e99bf923c7156d7d634b6891ec588c7243"
    ),
    "forum_tracking/mark_forums_read.html": (
        "6f303d7add3a8028052f32107227dc12aecbce6e8a987a6a8c0b765cb05ef726"
    ),
    "forum_tracking/mark_topics_read.html": (
        "9680db4165c194831047e13daf3b9d3eb1b1ab624bdf702411af21788f7bf387"
    ),
}

# Overrides that extend machina's own file and replace only some of its blocks.
EXTENDING_MACHINA = ["board_base.html", "forum/index.html", "forum/forum_detail.html"]

# machina's per-app template folders: whatever we keep under them shadows machina's file of
# the same name, so only true overrides belong there (our own pages are in cohort_forum/).
MACHINA_APP_FOLDERS = sorted(
    folder.name
    for folder in MACHINA_TEMPLATES.iterdir()
    if folder.is_dir() and folder.name.startswith("forum")
)


@pytest.mark.parametrize("path", sorted(COPIED_FROM_MACHINA))
def test_machina_file_we_copied_is_unchanged(path):
    upstream = MACHINA_TEMPLATES / path
    machina = f"django-machina {version('django-machina')}"
    pin = f"COPIED_FROM_MACHINA in tests/forum/{Path(__file__).name}"
    if not upstream.exists():
        pytest.fail(
            f"{machina} no longer has {path}, which templates/{path} overrides: find where "
            f"machina renders that markup now, move our change there and update {pin}."
        )
    digest = hashlib.sha256(upstream.read_bytes()).hexdigest()
    assert digest == COPIED_FROM_MACHINA[path], (
        f"machina's {path} has changed in {machina} since templates/{path} copied it "
        f"(sha256 now {digest}). Compare templates/{path} with {upstream}, re-apply our "
        f"change (the comment at the top of ours says what it is) to machina's new version, "
        f"then record the new sha256 in {pin}."
    )


@pytest.mark.parametrize("path", sorted(COPIED_FROM_MACHINA))
def test_django_renders_our_override_not_machinas_file(path):
    origin = Path(get_template(path).origin.name)

    assert origin == OUR_TEMPLATES / path, f"{path} is loaded from {origin}"


@pytest.mark.parametrize("path", EXTENDING_MACHINA)
def test_the_machina_prefix_reaches_machinas_own_file(path):
    """`machina/<path>` must reach machina's file, not ours: ours extends it by that name."""
    origin = Path(get_template(f"machina/{path}").origin.name)

    assert origin == MACHINA_TEMPLATES / path


def test_every_template_shadowing_one_of_machinas_is_pinned():
    shadowing = {
        str(template.relative_to(OUR_TEMPLATES))
        for template in OUR_TEMPLATES.rglob("*.html")
        if (MACHINA_TEMPLATES / template.relative_to(OUR_TEMPLATES)).exists()
    }

    assert shadowing <= set(COPIED_FROM_MACHINA), (
        f"{sorted(shadowing - set(COPIED_FROM_MACHINA))} override machina's templates of the "
        f"same name: record the sha256 of machina's file for each in COPIED_FROM_MACHINA"
    )


def test_only_overrides_live_under_machinas_template_folders():
    ours = {
        str(template.relative_to(OUR_TEMPLATES))
        for folder in MACHINA_APP_FOLDERS
        for template in (OUR_TEMPLATES / folder).rglob("*")
        if template.is_file()
    }
    not_machinas = {path for path in ours if not (MACHINA_TEMPLATES / path).exists()}

    assert not not_machinas, (
        f"{sorted(not_machinas)} are pages of our own, not overrides: they go under "
        f"templates/cohort_forum/"
    )
