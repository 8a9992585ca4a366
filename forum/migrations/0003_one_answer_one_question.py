"""A key respondent's post answers one question: re-derive the links made before.

Until now one post by a key respondent marked every earlier question of its topic as
answered. Replayed here with the rule of forum.questions: each post by one of the week's key
respondents, in the order they were written, answers the latest question of its topic asked
before it and still unanswered (posts made before kept no trace of a quote or a choice).
"""

from django.db import migrations


def one_answer_one_question(apps, schema_editor):
    Question = apps.get_model("cohort_forum", "KeyRespondentQuestion")
    Post = apps.get_model("forum_conversation", "Post")
    Enrollment = apps.get_model("courses", "Enrollment")
    questions = list(Question.objects.select_related("post").order_by("post__created", "pk"))
    topics = {question.post.topic_id for question in questions}
    if not topics:
        return
    respondents: dict[int, set[int]] = {}
    for week_id, user_id in Enrollment.objects.filter(
        role="key_respondent", week__isnull=False
    ).values_list("week_id", "user_id"):
        respondents.setdefault(week_id, set()).add(user_id)
    for question in questions:
        question.answered_at = None
        question.answered_by = None
    by_topic: dict[int, list] = {}
    for question in questions:
        by_topic.setdefault(question.post.topic_id, []).append(question)
    answers = Post.objects.filter(topic_id__in=topics, poster__isnull=False).order_by(
        "created", "pk"
    )
    for answer in answers:
        waiting = [
            question
            for question in by_topic[answer.topic_id]
            if question.answered_by is None
            and question.post_id != answer.pk
            and question.post.approved
            and question.post.created <= answer.created
            and answer.poster_id in respondents.get(question.week_id, set())
        ]
        if waiting:
            question = waiting[-1]
            question.answered_by = answer
            question.answered_at = answer.created
    Question.objects.bulk_update(questions, ["answered_at", "answered_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("cohort_forum", "0002_questions_and_communities"),
        ("courses", "0003_applications_public_forum_after_course"),
        ("forum_conversation", "0013_auto_20201220_1745"),
    ]

    operations = [
        migrations.RunPython(one_answer_one_question, migrations.RunPython.noop),
    ]
