"""The demo's projects looking for volunteers (Espace Collectif): a community bakery in
Bolivia, written in Spanish, and a solidarity grocery in Quebec, written in French, each
with its needs, offers of help (one accepted) and a public and a volunteers-only update.

Made through `projects.actions`, the site's own path (texts queued for translation, owners
told of offers). Idempotent: a project is matched by owner and title, and what it already
has is left as it is.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from projects import actions
from projects.models import Need, Offer, Project, Update
from taxonomy.models import Region, Theme

BAKERY: dict[str, Any] = {
    "owner": "participant-es",
    "title": "Panadería comunitaria La Minga",
    "description": (
        "Un grupo de vecinas de Cochabamba abre una **panadería cooperativa**: pan de "
        "quinua y de trigo para las escuelas del barrio, precios justos y trabajo "
        "asociado para doce socias.\n\nBuscamos manos los sábados y alguien que nos ayude "
        "a llevar las cuentas de la cooperativa."
    ),
    "territory": "bolivia",
    "themes": ["access-to-capital", "training"],
    "crowdfunding_url": "",
    "needs": [
        (Need.Kind.VOLUNTEERS, "Hornear y repartir pan a las escuelas.", 3,
         "Sábados de 6 a 11 de la mañana", False),
        (Need.Kind.EXPERTISE, "Contabilidad de una cooperativa: plan de cuentas y "
         "primer balance.", None, "", False),
    ],
    # username, index of the need, message, fee, accepted?
    "offers": [
        ("respondent-es", 0, "Puedo ir dos sábados al mes, tengo experiencia en panadería.",
         "", True),
        ("participant-en", 1, "I keep the books of two credit unions; happy to help for free.",
         "", False),
    ],
    "updates": [
        ("El horno llegó: empezamos a hornear el 1 de marzo.", Update.Visibility.PUBLIC),
        ("Para las voluntarias: nos vemos el sábado a las 6 en la calle Jordán 245, "
         "traigan delantal.", Update.Visibility.VOLUNTEERS),
    ],
}  # fmt: skip

GROCERY: dict[str, Any] = {
    "owner": "participant-fr",
    "title": "Épicerie solidaire de Rosemont",
    "description": (
        "Une **épicerie solidaire** pour les familles du quartier Rosemont, à Montréal : "
        "des produits frais à prix coûtant, un comptoir de dépannage et des ateliers de "
        "cuisine.\n\nNous cherchons des bénévoles pour l'accueil et des étagères, "
        "réfrigérateurs et caisses de transport."
    ),
    "territory": "quebec",
    "themes": ["co-construction"],
    "crowdfunding_url": "https://laruchequebec.com/fr/projets/epicerie-solidaire-rosemont",
    "needs": [
        (Need.Kind.VOLUNTEERS, "Accueillir les familles et tenir la caisse.", 6,
         "Les mardis et jeudis, de 16 h à 19 h", False),
        (Need.Kind.MATERIALS, "Des étagères, un réfrigérateur vitré et des caisses de "
         "transport.", None, "", False),
    ],
    "offers": [
        ("organizer", 0, "Je peux faire l'accueil le jeudi.", "", False),
    ],
    "updates": [
        ("Le local est trouvé : 5e Avenue, près du marché.", Update.Visibility.PUBLIC),
    ],
}  # fmt: skip

PROJECTS = [BAKERY, GROCERY]


@transaction.atomic
def load_projects(people: dict[str, User]) -> list[str]:
    """Creates the demo projects that are missing; what it created."""
    created: list[str] = []
    for spec in PROJECTS:
        owner = people[spec["owner"]]
        if Project.objects.filter(owner=owner, title=spec["title"]).exists():
            continue
        _project(spec, owner, people)
        created.append(f"project {spec['title']}")
    return created


def _project(spec: dict[str, Any], owner: User, people: dict[str, User]) -> Project:
    project = actions.propose(
        owner=owner,
        title=spec["title"],
        description=spec["description"],
        territory=Region.objects.filter(slug=spec["territory"]).first(),
        themes=Theme.objects.filter(slug__in=spec["themes"]),
        crowdfunding_url=spec["crowdfunding_url"],
    )
    needs = [
        actions.add_need(
            project,
            by=owner,
            kind=kind,
            description=description,
            places=places,
            schedule=schedule,
            paid=paid,
        )
        for kind, description, places, schedule, paid in spec["needs"]
    ]
    for username, need_index, message, fee, accepted in spec["offers"]:
        made: Offer = actions.offer(
            project, member=people[username], need=needs[need_index], message=message, fee=fee
        )
        if accepted:
            actions.accept(made, by=owner)
    for text, visibility in spec["updates"]:
        actions.post_update(project, by=owner, text=text, visibility=visibility)
    return project
