"""Our versions of a few machina views, on machina's own paths.

Included before machina's URLs, so a path resolves here first, while every
`reverse("forum_conversation:...")` in machina's code and templates keeps working.
"""

from __future__ import annotations

from django.urls import path

from . import attachments, editor, participation, review, search, text_editor, views

topic = "forum/<str:forum_slug>-<int:forum_pk>/topic"

urlpatterns = [
    path("", views.IndexView.as_view()),
    path("my/progress/", participation.my_progress, name="my_progress"),
    path("my/questions/", participation.my_questions, name="my_questions"),
    path(f"{topic}/<str:slug>-<int:pk>/", views.TopicView.as_view()),
    path(f"{topic}/create/", views.TopicCreateView.as_view()),
    path(f"{topic}/<str:slug>-<int:pk>/update/", views.TopicUpdateView.as_view()),
    path(f"{topic}/<str:topic_slug>-<int:topic_pk>/post/create/", views.PostCreateView.as_view()),
    path(
        f"{topic}/<str:topic_slug>-<int:topic_pk>/<int:pk>/post/update/",
        views.PostUpdateView.as_view(),
    ),
    path("feeds/topics/", views.LastTopicsFeed()),
    # The post editor's preview and @mention completion (forum/editor.py).
    path(
        "forum/<str:forum_slug>-<int:forum_pk>/editor/preview/",
        editor.preview,
        name="editor_preview",
    ),
    path(
        "forum/<str:forum_slug>-<int:forum_pk>/editor/members/",
        editor.mentions,
        name="editor_mentions",
    ),
    # machina's `forum_conversation:attachment`: only for the readers of the post.
    path("attachment/<int:pk>/", attachments.AttachmentView.as_view()),
    # Profiles: for the people who may see the member (forum/member_visibility.py). machina's
    # `profile/<str:pk>/` would take "edit" too: its edit page keeps its own view here.
    path("member/profile/edit/", views.MachinaForumProfileUpdateView.as_view()),
    path("member/profile/<str:pk>/", views.ForumProfileDetailView.as_view()),
    path("member/profile/<str:pk>/posts/", views.UserPostsView.as_view()),
    # machina's `forum_search:search` reverses to this same path.
    path("search/", search.SearchView.as_view(), name="forum_search"),
    path(
        "translations/review/",
        review.ReviewQueueView.as_view(),
        name="translation_review_queue",
    ),
    path(
        "translations/<int:pk>/edit/",
        review.TranslationEditView.as_view(),
        name="translation_edit",
    ),
    path(
        "translations/text/<int:pk>/edit/",
        text_editor.TextTranslationEditView.as_view(),
        name="text_translation_edit",
    ),
    path("feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/", views.LastTopicsFeed()),
    path(
        "feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/all/",
        views.LastTopicsFeed(),
        {"descendants": True},
    ),
]
