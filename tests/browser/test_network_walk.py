"""A member walks the network beyond the course (#17), as a person clicks: from the member
directory (filtered by territory) to a member's profile, to an open community they join,
to a project they offer to volunteer for; the project's owner is told and accepts.

The README's demo on a live server, its texts translated by the real worker with Apertium.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from notifications.models import Event, Notice
from projects.models import Offer, Project
from tests.browser.helpers import screenshot, sign_in

pytestmark = pytest.mark.browser

COMMUNITY = "Compras públicas para la economía social"  # open, hosted by participant-es
PROJECT = "Panadería comunitaria La Minga"  # owned by participant-es


def test_a_member_goes_from_the_directory_to_a_community_to_a_project(demo_site, new_page):
    page = new_page()
    sign_in(page, demo_site, "participant-en")

    # The directory, filtered by territory: the Bolivian members.
    page.locator("header").get_by_role("link", name="Members", exact=True).click()
    filters = page.locator("form.directory-filters__form")
    filters.get_by_label("Territory").select_option(label="Bolivia")
    with page.expect_navigation():
        filters.locator("[type=submit]").click()
    cards = page.locator("li.directory-member")
    assert cards.count() >= 1
    assert all("Bolivia" in text for text in cards.all_inner_texts())
    screenshot(page, "network-directory-bolivia")

    # A profile: her expertise and bio, translated from Spanish, the original one click away.
    cards.get_by_role("link", name="Ana Morales").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ana Morales"
    assert "Machine-translated from Spanish" in page.locator("main").inner_text()
    screenshot(page, "network-profile-en")

    # An open community, joined in one click; its name and purpose are translated.
    page.locator("header").get_by_role("link", name="Communities", exact=True).click()
    page.locator("main a[href$='/compras-publicas-para-la-economia-social/']").first.click()
    assert "Machine-translated from Spanish" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Join").click()
    assert page.get_by_role("button", name="Leave this community").is_visible()
    member = get_user_model().objects.get(username="participant-en")
    assert member.communities_of_practice.filter(name=COMMUNITY).exists()
    screenshot(page, "network-community-joined-en")

    # A project looking for volunteers: she offers to bake on Saturdays.
    page.locator("header").get_by_role("link", name="Projects", exact=True).click()
    project = Project.objects.get(title=PROJECT)
    page.locator(f"main a[href='/projects/{project.pk}/']").first.click()
    offer_form = page.locator("form:has(button:text('Send my offer'))")
    offer_form.get_by_label("What you offer").select_option(index=1)
    offer_form.get_by_label("Message to the owner").fill("I can bake two Saturdays a month.")
    with page.expect_navigation():
        offer_form.get_by_role("button", name="Send my offer").click()
    offer = Offer.objects.get(
        project=project, member=member, message="I can bake two Saturdays a month."
    )
    assert offer.status == Offer.Status.PENDING
    assert page.get_by_role("button", name="Withdraw my offer").count() == 2  # and the demo's
    screenshot(page, "network-project-offer-en")

    # The owner is told, and accepts.
    owner = new_page()
    sign_in(owner, demo_site, "participant-es")
    assert Notice.objects.filter(recipient=project.owner, event=Event.PROJECT_OFFER).exists()
    owner.goto(demo_site(f"/projects/{project.pk}/"))
    row = owner.locator(f"li[data-offer='{offer.pk}']")
    with owner.expect_navigation():
        row.locator("form[action$='/accept/'] button").click()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    screenshot(owner, "network-project-owner-accepts")
