"""The demo's harvest: the course's themes and regions, a mix of consents (one member who
has not chosen), and passages from weeks 1 to 5 in the three languages, harvested by the
organizer and the key respondents; loading twice changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from cms.demo import COURSE_SLUG
from cms.demo.proceedings import COURSE_REGIONS, COURSE_THEMES
from courses.models import CoursePage
from forum.models import WeekForum
from proceedings.harvest import passage_occurs
from proceedings.models import Passage, QuoteConsent
from proceedings.vocabulary import course_regions, course_themes
from translations.models import TextSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(demo_cohort):
    return CoursePage.objects.get(slug=COURSE_SLUG)


def test_the_demo_course_has_its_own_themes_and_regions(course):
    assert {theme.slug for theme in course_themes(course)} == set(COURSE_THEMES)
    assert {region.slug for region in course_regions(course)} == set(COURSE_REGIONS)


def test_the_demo_members_consents_are_a_mix_and_one_has_not_chosen(course):
    choices = dict(
        QuoteConsent.objects.filter(course=course).values_list("member__username", "choice")
    )

    assert set(choices.values()) == {"name", "anonymous", "none"}
    assert "respondent-en" not in choices
    anonymous = QuoteConsent.objects.get(course=course, member__username="respondent-es")
    assert anonymous.region.slug == "ecuador"


def test_the_demo_harvest_spans_themes_regions_and_languages(course):
    passages = list(Passage.objects.filter(course=course))

    assert 10 <= len(passages) <= 15
    assert {p.language for p in passages} == {"es", "fr", "en"}
    assert {t.slug for p in passages for t in p.themes.all()} == set(COURSE_THEMES)
    assert {r.slug for p in passages for r in p.regions.all()} == set(COURSE_REGIONS)
    assert {p.harvested_by.username for p in passages} == {
        "organizer",
        "respondent-fr",
        "respondent-es",
        "respondent-en",
    }
    assert all(passage_occurs(p) for p in passages)


def test_the_demo_harvest_comes_from_the_weeks_before_the_last(course):
    week_of = dict(WeekForum.objects.values_list("forum_id", "week__number"))

    weeks = {week_of[p.post.topic.forum_id] for p in Passage.objects.filter(course=course)}

    assert weeks <= {1, 2, 3, 4, 5}
    assert len(weeks) >= 3


def test_every_demo_passage_has_its_text_recorded_for_translation(course):
    passages = Passage.objects.filter(course=course)

    sources = TextSource.objects.filter(
        content_type=ContentType.objects.get_for_model(Passage),
        object_id__in=passages.values("pk"),
        field="text",
    )

    assert sources.count() == passages.count()


def test_loading_the_demo_again_harvests_nothing_more(course):
    before = (Passage.objects.count(), QuoteConsent.objects.count())

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert (Passage.objects.count(), QuoteConsent.objects.count()) == before
    assert "nothing to do" in out.getvalue()
