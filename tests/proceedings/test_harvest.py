"""Harvesting passages: who may, what a passage may be (a part of the post), its language
and translations, and what happens when the post is edited or deleted."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from courses.models import Role
from proceedings.harvest import (
    harvest_of,
    harvest_passage,
    may_harvest,
    may_manage,
    passage_occurs,
    remove_passage,
    set_included,
)
from proceedings.models import Passage
from proceedings.vocabulary import course_regions, course_themes
from tests.factories import UserFactory
from tests.forum.participation_helpers import person
from tests.proceedings.harvest_world import harvest_world, private_post
from translations.models import TextSource, TextTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, week, organizer):
    return harvest_world(course, week, organizer)


def test_organizers_and_key_respondents_may_harvest(world):
    assert may_harvest(world.organizer, world.course)
    assert may_harvest(world.respondent, world.course)


@pytest.mark.parametrize("who", ["participant", "translator", "other_organizer", "anonymous"])
def test_nobody_else_may_harvest(world, who):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else getattr(world, who)

    assert not may_harvest(user, world.course)


def test_a_superuser_may_harvest(world):
    assert may_harvest(UserFactory(is_superuser=True), world.course)


def test_a_passage_of_the_post_is_harvested_in_the_posts_language(world):
    passage = harvest_passage(
        post=world.post,
        by=world.respondent,
        text="los fondos rotatorios sostienen a las socias",
        themes=[world.capital],
        regions=[world.bolivia],
        note="Rotating funds.",
    )

    assert passage.course == world.course
    assert passage.language == "es"
    assert passage.text == "los fondos rotatorios sostienen a las socias"
    assert list(passage.themes.all()) == [world.capital]
    assert list(passage.regions.all()) == [world.bolivia]
    assert passage.harvested_by == world.respondent
    assert passage.included


def test_text_selected_on_the_page_matches_the_posts_markdown(world):
    # Selected in the rendered post: no "**", and the paragraph break is a space.
    selected = "Las cooperativas de Cochabamba necesitan crédito. Sin bancos cerca"

    passage = harvest_passage(post=world.post, by=world.organizer, text=selected)

    assert passage.text == selected


def test_a_passage_that_is_not_in_the_post_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        harvest_passage(post=world.post, by=world.organizer, text="Los bancos prestan a todos.")

    assert refused.value.code == "not_in_post"
    assert not Passage.objects.exists()


def test_the_whole_post_is_kept_as_an_empty_passage(world):
    passage = harvest_passage(post=world.post, by=world.organizer, text=f"  {world.post.content}\n")

    assert passage.text == ""


def test_the_passages_translation_is_requested_from_its_language_with_the_course_glossary(world):
    passage = harvest_passage(post=world.post, by=world.organizer, text="fondos rotatorios")

    source = TextSource.objects.get(
        content_type=ContentType.objects.get_for_model(Passage), object_id=passage.pk
    )
    assert (source.field, source.text, source.language) == ("text", "fondos rotatorios", "es")
    assert source.glossary == world.course.pk
    assert set(
        TextTranslation.objects.filter(source=source).values_list("language", flat=True)
    ) == {
        "fr",
        "en",
    }


def test_a_whole_posts_translation_is_requested_for_the_posts_text(world):
    passage = harvest_passage(post=world.post, by=world.organizer)

    source = TextSource.objects.get(
        content_type=ContentType.objects.get_for_model(Passage), object_id=passage.pk
    )
    assert source.text == world.post.content.raw


@pytest.mark.parametrize("who", ["participant", "translator", "other_organizer"])
def test_who_may_not_harvest_is_refused_by_the_action(world, who):
    with pytest.raises(PermissionDenied):
        harvest_passage(post=world.post, by=getattr(world, who))


def test_a_private_community_post_is_not_harvested_by_a_key_respondent_outside_it(world):
    post = private_post(world)

    with pytest.raises(PermissionDenied):
        harvest_passage(post=post, by=world.respondent)
    assert harvest_passage(post=post, by=world.organizer).course == world.course


def test_an_edited_post_keeps_its_passages_and_flags_one_no_longer_in_it(world):
    kept = harvest_passage(post=world.post, by=world.organizer, text="fondos rotatorios")
    gone = harvest_passage(post=world.post, by=world.organizer, text="necesitan crédito")

    world.post.content = "Las cooperativas de Cochabamba viven de sus fondos rotatorios."
    world.post.save()

    assert Passage.objects.count() == 2
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert passage_occurs(kept)
    assert not passage_occurs(gone)


def test_an_edited_post_harvested_whole_is_translated_again_from_its_new_text(world):
    passage = harvest_passage(post=world.post, by=world.organizer)

    world.post.content = "Las cooperativas viven de sus fondos rotatorios."
    world.post.save()

    source = TextSource.objects.get(
        content_type=ContentType.objects.get_for_model(Passage), object_id=passage.pk
    )
    assert source.text == "Las cooperativas viven de sus fondos rotatorios."


def test_a_deleted_post_takes_its_passages_and_their_texts(world):
    harvest_passage(post=world.post, by=world.organizer, text="fondos rotatorios")

    world.post.delete()

    assert not Passage.objects.exists()
    assert not TextSource.objects.filter(
        content_type=ContentType.objects.get_for_model(Passage)
    ).exists()


def test_a_key_respondent_manages_their_own_passages_and_an_organizer_every_one(world):
    theirs = harvest_passage(post=world.post, by=world.respondent, text="fondos rotatorios")
    others = harvest_passage(post=world.post, by=world.organizer, text="necesitan crédito")

    assert may_manage(world.respondent, theirs)
    assert not may_manage(world.respondent, others)
    assert may_manage(world.organizer, theirs)
    with pytest.raises(PermissionDenied):
        remove_passage(others, by=world.respondent)
    set_included(theirs, by=world.organizer, included=False)
    theirs.refresh_from_db()
    assert not theirs.included


def test_the_harvest_of_a_course_holds_included_and_left_out_passages(world):
    first = harvest_passage(post=world.post, by=world.organizer, text="fondos rotatorios")
    second = harvest_passage(post=world.post, by=world.organizer, text="necesitan crédito")
    set_included(second, by=world.organizer, included=False)

    assert list(harvest_of(world.course)) == [first, second]


def test_a_course_without_its_own_vocabulary_uses_every_theme_and_region(world):
    assert set(course_themes(world.course)) == {world.capital, world.training}
    assert set(course_regions(world.course)) == {world.bolivia, world.quebec}


def test_a_courses_own_vocabulary_narrows_the_choice(world):
    world.course.themes.set([world.capital])
    world.course.regions.set([world.quebec])
    world.course.save()

    assert list(course_themes(world.course)) == [world.capital]
    assert list(course_regions(world.course)) == [world.quebec]


def test_a_member_who_left_the_course_no_longer_harvests(world):
    from courses.enrollment import choose_after_course
    from courses.models import AfterCourse

    leaver = person(world.course, "leaver", Role.KEY_RESPONDENT, week=world.week)
    choose_after_course(course=world.course, user=leaver, choice=AfterCourse.LEAVE)

    assert not may_harvest(leaver, world.course)
