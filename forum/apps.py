from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortForumConfig(AppConfig):
    """Our discussion app. Labelled apart from machina's own `forum` app label."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "forum"
    label = "cohort_forum"
    verbose_name = _("Cohort forum")

    def ready(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_init,
            post_save,
            pre_save,
        )
        from machina.core.db.models import get_model
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses.models import CoursePage, WeekPage
        from courses.signals import enrollment_changed

        from . import attachments, questions, receivers, translation
        from .models import CommunityOfPractice, CourseCategory, WeekForum

        page_published.connect(receivers.week_published, sender=WeekPage)
        page_published.connect(receivers.course_published, sender=CoursePage)
        page_unpublished.connect(receivers.week_unpublished, sender=WeekPage)
        post_page_move.connect(receivers.week_moved, sender=WeekPage)
        post_delete.connect(receivers.mirrored_forum_deleted, sender=WeekForum)
        post_delete.connect(receivers.mirrored_forum_deleted, sender=CourseCategory)
        enrollment_changed.connect(receivers.enrollment_changed)
        # A topic view marks it read only when something in it is new (forum/tracking.py).
        from machina.apps.forum_conversation.signals import topic_viewed
        from machina.apps.forum_tracking.receivers import update_user_trackers

        from . import tracking

        topic_viewed.disconnect(update_user_trackers)
        topic_viewed.connect(tracking.topic_viewed, dispatch_uid="puentes_read_marks")
        # Bookkeeping: the cached course of each forum (forum.course_of.course_id_of_forum).
        from machina.apps.forum.signals import forum_moved

        from .course_of import forget_forum_courses

        for signal in (post_save, post_delete):
            signal.connect(forget_forum_courses, sender=CourseCategory, dispatch_uid="forum_course")
        forum_moved.connect(forget_forum_courses, dispatch_uid="forum_course")
        # The course structure kept between requests (courses/kept_structure.py): a forum's
        # mirror, its week, its question topics; a forum moved or deleted.
        from courses.kept_structure import structure_written

        from .models import QuestionTopic

        for structure_model in (CourseCategory, WeekForum, QuestionTopic):
            for signal in (post_save, post_delete):
                signal.connect(
                    structure_written, sender=structure_model, dispatch_uid="kept_structure"
                )
        # Not each save of a forum: every new post saves its forum's trackers.
        post_delete.connect(
            structure_written, sender=get_model("forum", "Forum"), dispatch_uid="kept_structure"
        )
        forum_moved.connect(structure_written, dispatch_uid="kept_structure")
        # The grants cached between requests (forum.permission_handler).
        from django.contrib.auth.models import Group, User

        from .permission_handler import forget_granted_forums, forum_added

        for model in (
            get_model("forum_permission", "UserForumPermission"),
            get_model("forum_permission", "GroupForumPermission"),
            get_model("forum_permission", "ForumPermission"),
            Group,
        ):
            for signal in (post_save, post_delete):
                signal.connect(forget_granted_forums, sender=model, dispatch_uid="forum_grants")
        # A forum counts when added, moved or deleted; not at each save of its trackers
        # (every new post saves its forum).
        post_save.connect(forum_added, sender=get_model("forum", "Forum"), dispatch_uid="grants")
        post_delete.connect(
            forget_granted_forums, sender=get_model("forum", "Forum"), dispatch_uid="grants"
        )
        forum_moved.connect(forget_granted_forums, dispatch_uid="forum_grants")
        m2m_changed.connect(
            forget_granted_forums, sender=User.groups.through, dispatch_uid="forum_grants"
        )
        # machina's permission tag without its inspect.getmembers at every use.
        from .permission_tag import replace_machina_tag

        replace_machina_tag()
        # The cached questions that ask to post first (forum.independent).
        from .independent import forget_post_first_blocks

        for signal in (post_save, post_delete):
            signal.connect(forget_post_first_blocks, sender=WeekPage, dispatch_uid="post_first")
        # A forum's name and description are translated like a page's texts.
        from . import forum_names

        Forum = get_model("forum", "Forum")
        post_init.connect(forum_names.forum_loaded, sender=Forum)
        post_save.connect(forum_names.forum_saved, sender=Forum)
        post_delete.connect(forum_names.forum_deleted, sender=Forum)
        # Saving a post queues its translations (after the transaction commits).
        post_save.connect(translation.post_saved, sender=get_model("forum_conversation", "Post"))
        # Editing a course's glossary re-translates the posts that use the term (saving a
        # post records its course's glossary on the request: forum.translation).
        from translations.models import GlossaryTerm

        from . import glossary

        pre_save.connect(glossary.remember_term, sender=GlossaryTerm)
        post_save.connect(glossary.term_changed, sender=GlossaryTerm)
        # …and the page and forum texts that use it (translations.texts).
        from translations import texts as page_texts

        post_save.connect(page_texts.term_changed, sender=GlossaryTerm)
        post_delete.connect(page_texts.term_changed, sender=GlossaryTerm)
        post_delete.connect(glossary.term_changed, sender=GlossaryTerm)
        # An attached file is stored under a name nobody can guess.
        pre_save.connect(
            attachments.name_unguessably, sender=get_model("forum_attachments", "Attachment")
        )
        # Questions to the key respondents: asked from the post form, answered by a reply.
        post_save.connect(questions.post_saved, sender=get_model("forum_conversation", "Post"))
        post_save.connect(receivers.community_saved, sender=CommunityOfPractice)
        post_delete.connect(receivers.community_deleted, sender=CommunityOfPractice)
        m2m_changed.connect(
            receivers.community_members_changed, sender=CommunityOfPractice.members.through
        )
        # The search documents follow what they index (forum.search_index).
        from wagtail.models import Page

        from translations.models import PostLanguage, PostTranslation, TextSource, TextTranslation
        from translations.signals import posts_translated, texts_translated

        from . import search_index

        Post = get_model("forum_conversation", "Post")
        post_save.connect(search_index.post_saved, sender=Post)
        post_delete.connect(search_index.post_deleted, sender=Post)
        post_save.connect(search_index.post_language_saved, sender=PostLanguage)
        post_save.connect(search_index.post_translation_changed, sender=PostTranslation)
        post_delete.connect(search_index.post_translation_changed, sender=PostTranslation)
        posts_translated.connect(search_index.posts_translated, dispatch_uid="search_posts")
        post_save.connect(search_index.text_source_changed, sender=TextSource)
        post_delete.connect(search_index.text_source_changed, sender=TextSource)
        post_save.connect(search_index.text_translation_changed, sender=TextTranslation)
        post_delete.connect(search_index.text_translation_changed, sender=TextTranslation)
        texts_translated.connect(search_index.texts_translated, dispatch_uid="search_texts")
        page_published.connect(search_index.page_changed)
        page_unpublished.connect(search_index.page_changed)
        post_delete.connect(search_index.page_deleted, sender=Page)
        post_save.connect(search_index.forum_changed, sender=Forum)
        post_delete.connect(search_index.forum_deleted, sender=Forum)
