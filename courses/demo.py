"""The demo cohort: the six-week Canada – Latin America forum on the social economy.

Data first (people, course, weeks, case studies, posts), then the small functions that
load it. Loading is idempotent: whatever already exists (matched by username, page slug
or post subject) is left as it is, so a second run creates and changes nothing.
Weeks are dated from the day of the first run so that week 3 is the open one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from machina.core.db.models import get_model

from cms.models import HomePage

from .editorial import ensure_editorial_setup
from .models import Application, CaseStudyPage, CoursePage, Role, WeekPage
from .profiles import get_profile
from .services import enroll

DEMO_PASSWORD = "puentes-demo"  # noqa: S105  (printed with the logins: a demo, not a secret)
COURSE_SLUG = "canada-latin-america-forum"

# username, first name, last name, role, preferred language, organisation, region, week
PEOPLE = [
    ("organizer", "Marie-Claude", "Tremblay", Role.ORGANIZER, "fr",
     "Puentes", "Montréal, Canada", None),
    ("respondent-fr", "Étienne", "Gagnon", Role.KEY_RESPONDENT, "fr",
     "Chantier de l'économie sociale", "Québec, Canada", 4),
    ("respondent-es", "Lucía", "Quispe", Role.KEY_RESPONDENT, "es",
     "Red de Economía Solidaria", "Quito, Ecuador", 5),
    ("participant-es", "Ana", "Morales", Role.PARTICIPANT, "es",
     "Cooperativa La Minga", "Cochabamba, Bolivia", None),
    ("participant-fr", "Louis", "Bergeron", Role.PARTICIPANT, "fr",
     "CDEC Rosemont", "Montréal, Canada", None),
    ("participant-en", "Sarah", "Mitchell", Role.PARTICIPANT, "en",
     "Canadian CED Network", "Winnipeg, Canada", None),
    ("translator", "Diego", "Fernández", Role.TRANSLATOR, "es",
     "Puentes", "Ciudad de México, México", None),
    ("respondent-en", "Jenna", "Whitehorse", Role.KEY_RESPONDENT, "en",
     "Northern Co-op Federation", "Yukon, Canada", 3),
]  # fmt: skip

# Not enrolled yet: an application waiting for the organizers' decision.
APPLICANT = ("applicant", "Rosa", "Huamán", Role.KEY_RESPONDENT, "es",
             "Central de Cafetaleras", "Cusco, Perú", None)  # fmt: skip
COMMUNITY = "Rural cooperatives: a community of practice"
# (asker, question index in week 3, text); the first is answered by the week's key respondent.
QUESTIONS = [
    (
        "participant-es",
        0,
        "Pregunta para la persona invitada: ¿cómo se financian las "
        "cooperativas del norte sin crédito bancario?",
    ),
    (
        "participant-fr",
        1,
        "Question pour la personne invitée : quelles politiques publiques "
        "ont aidé les coopératives autochtones ?",
    ),
]
ANSWER = ("respondent-en", 0, "Mostly through community bonds and the credit unions of the "
          "territory: members lend to their own co-op.")  # fmt: skip

COURSE = {
    "title": "Canada – Latin America Online Forum: Policy to Support the Social and "
    "Solidarity Economy",
    "summary": (
        "Six weeks of asynchronous exchange between practitioners, researchers and public "
        "servants from Canada and Latin America on the policies that help the social and "
        "solidarity economy grow. Read, write a short case study if you are a key "
        "respondent, and discuss in Spanish, French or English: every post is translated."
    ),
    "workload_min_hours": 2,
    "workload_max_hours": 5,
    "languages": ["es", "fr", "en"],
    "key_respondent_places": 8,
    "contact_name": "Marie-Claude Tremblay",
    "contact_email": "forum@puentes.example.org",
}


def link(title: str, url: str, language: str) -> tuple[str, dict]:
    return ("link", {"title": title, "url": url, "language": language})


def excerpt(title: str, html: str, source: str, language: str) -> tuple[str, dict]:
    return ("excerpt", {"title": title, "excerpt": html, "source": source, "language": language})


def question(text: str, post_first: bool = False) -> tuple[str, dict]:
    return ("question", {"text": text, "post_before_seeing_others": post_first})


WEEKS = [
    {
        "number": 1,
        "slug": "introduction",
        "title": "Introduction: why the social economy",
        "theme": "What the social and solidarity economy is, and why public policy matters",
        "introduction": (
            "<p>Welcome! This first week we introduce ourselves and share what the social "
            "and solidarity economy means where we live and work.</p>"
        ),
        "readings": [
            link(
                "What is the social and solidarity economy? (UNTFSSE)",
                "https://unsse.org/sse-and-the-sdgs/",
                "en",
            ),
            link(
                "Résolution concernant le travail décent et l'économie sociale et solidaire "
                "(OIT, 2022)",
                "https://www.ilo.org/fr/resource/conference-paper/ilc/110/resolution-"
                "concernant-le-travail-decent-et-leconomie-sociale-et",
                "fr",
            ),
            excerpt(
                "Carta de principios de la economía solidaria",
                "<p>La economía solidaria pone a las personas y al trabajo en el centro del "
                "sistema económico, otorgando a los mercados un papel instrumental.</p>",
                "RIPESS",
                "es",
            ),
        ],
        "questions": [
            question(
                "Introduce yourself: where do you work, and what does the social economy "
                "look like there?"
            ),
            question(
                "¿Qué política pública ha ayudado más a la economía social en su país, y por qué?",
                post_first=True,
            ),
        ],
    },
    {
        "number": 2,
        "slug": "research-canada-1",
        "title": "Research on the social economy in Canada (part 1)",
        "theme": "The Canadian Social Economy Research Partnerships: what was learned",
        "introduction": (
            "<p>Between 2005 and 2011, six regional research partnerships studied the "
            "social economy across Canada. This week we read their main findings.</p>"
        ),
        "readings": [
            excerpt(
                "Mapping the social economy in Canada",
                "<p>The social economy is a bridging concept for organizations that have "
                "social objectives central to their mission and their practice.</p>",
                "Canadian Social Economy Research Partnerships, 2011",
                "en",
            ),
            link(
                "L'économie sociale au Canada : un portrait (CIRIEC-Canada)",
                "https://ciriec.uqam.ca/",
                "fr",
            ),
        ],
        "questions": [
            question(
                "Which findings of the Canadian research surprised you, and which match "
                "your experience?"
            ),
            question(
                "Quelles données manquent le plus pour défendre l'économie sociale auprès "
                "des gouvernements ?"
            ),
        ],
    },
    {
        "number": 3,
        "slug": "research-canada-2",
        "title": "Research on the social economy in Canada (part 2)",
        "theme": "Community economic development, co-operatives and public procurement",
        "introduction": (
            "<p>The second part looks at community economic development and at how "
            "provinces and cities buy from social enterprises.</p>"
        ),
        "readings": [
            link(
                "Social procurement in Canadian cities (Buy Social Canada)",
                "https://www.buysocialcanada.com/",
                "en",
            ),
            excerpt(
                "La Loi sur l'économie sociale du Québec (2013)",
                "<p>La présente loi a pour objet de reconnaître l'apport spécifique de "
                "l'économie sociale au développement socioéconomique du Québec.</p>",
                "Loi sur l'économie sociale, RLRQ c. E-1.1.1, art. 1",
                "fr",
            ),
        ],
        "questions": [
            question(
                "Could social procurement work where you live? What would it take?",
                post_first=True,
            ),
            question(
                "¿Cómo se relaciona el desarrollo económico comunitario canadiense con las "
                "experiencias de su región?"
            ),
        ],
    },
    {
        "number": 4,
        "slug": "quebec-brazil",
        "title": "Experiences from Quebec and Brazil: a comparative study",
        "theme": "Co-construction of public policy with social movements",
        "introduction": (
            "<p>Quebec and Brazil both built social-economy policy with the movements "
            "themselves. Our key respondent compares the two.</p>"
        ),
        "readings": [
            link(
                "Chantier de l'économie sociale",
                "https://chantier.qc.ca/",
                "fr",
            ),
            excerpt(
                "A Secretaria Nacional de Economia Solidária (SENAES)",
                "<p>Created in 2003 within the Ministry of Labour, SENAES supported "
                "solidarity enterprises and the Brazilian Forum of Solidarity Economy.</p>",
                "Summary by the organizers",
                "en",
            ),
        ],
        "questions": [
            question(
                "What made co-construction possible in Quebec and in Brazil? Could it "
                "happen in your country?"
            ),
            question(
                "Qu'est-ce qui reste des politiques d'économie solidaire quand le "
                "gouvernement change ?"
            ),
        ],
    },
    {
        "number": 5,
        "slug": "hispano-america",
        "title": "Experiences from Hispano-America",
        "theme": "Constitutions, laws and institutes: Ecuador, Bolivia and Mexico",
        "introduction": (
            "<p>Ecuador and Bolivia wrote the solidarity economy into their constitutions; "
            "Mexico passed a Social and Solidarity Economy Law in 2012.</p>"
        ),
        "readings": [
            excerpt(
                "Ley Orgánica de Economía Popular y Solidaria (Ecuador, 2011)",
                "<p>Se entiende por economía popular y solidaria a la forma de organización "
                "económica, donde sus integrantes, individual o colectivamente, organizan "
                "y desarrollan procesos de producción, intercambio, comercialización, "
                "financiamiento y consumo de bienes y servicios.</p>",
                "LOEPS, art. 1",
                "es",
            ),
            link(
                "Ley de la Economía Social y Solidaria (México)",
                "https://www.diputados.gob.mx/LeyesBiblio/ref/less.htm",
                "es",
            ),
        ],
        "questions": [
            question("¿Qué diferencia hace que la economía solidaria esté en la constitución?"),
            question(
                "Which institutions (institutes, secretariats, funds) made the laws "
                "work in practice?"
            ),
        ],
    },
    {
        "number": 6,
        "slug": "conclusion",
        "title": "Conclusion: policy supports for the social economy",
        "theme": "What we would ask of our governments",
        "introduction": (
            "<p>In this last week we gather what we learned into proposals for policy "
            "makers in Canada and Latin America.</p>"
        ),
        "readings": [
            link(
                "Policy guidelines for the social and solidarity economy (OECD, 2022)",
                "https://www.oecd.org/en/topics/social-economy-and-social-innovation.html",
                "en",
            ),
        ],
        "questions": [
            question(
                "Name one policy support you would ask your government for, and why.",
                post_first=True,
            ),
            question("Quelle leçon de ce forum rapporterez-vous dans votre organisation ?"),
        ],
    },
]


@dataclass
class CaseStudy:
    week: int
    slug: str
    title: str
    author: str
    region: str
    language: str
    abstract: str
    body: str
    policy_reflections: str = ""
    advocacy_experience: str = ""


CASE_STUDIES = [
    CaseStudy(
        week=4,
        slug="chantier-et-senaes",
        title="Le Chantier de l'économie sociale et la SENAES : deux chemins de co-construction",
        author="respondent-fr",
        region="Québec (Canada) et Brésil",
        language="fr",
        abstract=(
            "Comment le Chantier de l'économie sociale au Québec et la Secretaria Nacional "
            "de Economia Solidária au Brésil ont fait entrer les mouvements sociaux dans la "
            "fabrication des politiques publiques."
        ),
        body=(
            "<p>Au Québec, le Sommet sur l'économie et l'emploi de 1996 a donné naissance au "
            "Chantier de l'économie sociale, un réseau de réseaux qui réunit entreprises "
            "collectives, mouvements sociaux et acteurs du développement local. Pendant près "
            "de vingt ans, le Chantier a négocié avec l'État des outils concrets : le Réseau "
            "d'investissement social du Québec, la Fiducie du Chantier, puis la Loi sur "
            "l'économie sociale adoptée à l'unanimité en 2013.</p>"
            "<p>Au Brésil, la SENAES est créée en 2003 au sein du ministère du Travail, à la "
            "demande du Forum brésilien d'économie solidaire. Dirigée par Paul Singer, elle "
            "finance des incubateurs universitaires, des banques communautaires et la "
            "formation de milliers d'entreprises solidaires.</p>"
            "<p>Dans les deux cas, la politique n'a pas été écrite pour le mouvement mais "
            "avec lui. La différence tient à la durée : l'institution québécoise a survécu "
            "aux changements de gouvernement, la SENAES a été réduite puis supprimée en "
            "2016.</p>"
        ),
        policy_reflections=(
            "<p>Une loi-cadre et des instances permanentes de concertation protègent mieux "
            "les acquis qu'un programme ministériel.</p>"
        ),
        advocacy_experience=(
            "<p>Nous avons appris à arriver aux tables de négociation avec des données, des "
            "projets prêts à financer et des alliés dans plusieurs partis.</p>"
        ),
    ),
    CaseStudy(
        week=5,
        slug="ecuador-loeps",
        title="Ecuador: de la Constitución de 2008 a la Ley de Economía Popular y Solidaria",
        author="respondent-es",
        region="Ecuador",
        language="es",
        abstract=(
            "La Constitución de 2008 reconoce un sistema económico social y solidario. "
            "Este estudio recorre la ley de 2011, el Instituto Nacional de Economía Popular "
            "y Solidaria y la Superintendencia, y lo que cambió para las cooperativas."
        ),
        body=(
            "<p>El artículo 283 de la Constitución ecuatoriana de 2008 define el sistema "
            "económico como social y solidario. En 2011 la Ley Orgánica de Economía Popular y "
            "Solidaria creó el Instituto Nacional de Economía Popular y Solidaria (IEPS), "
            "encargado del fomento, y la Superintendencia, encargada del control.</p>"
            "<p>Las compras públicas inclusivas abrieron mercados a asociaciones de "
            "costureras, de alimentación escolar y de limpieza. Sin embargo, muchas "
            "organizaciones vivieron la regulación como una carga: registros, balances y "
            "auditorías pensadas para empresas más grandes.</p>"
            "<p>Bolivia y México siguieron caminos parecidos con resultados distintos; la "
            "lección común es que el reconocimiento legal no basta sin instituciones de "
            "fomento con presupuesto propio.</p>"
        ),
        policy_reflections=(
            "<p>Separar el fomento del control, y adaptar las obligaciones al tamaño de las "
            "organizaciones.</p>"
        ),
        advocacy_experience=(
            "<p>Las redes locales lograron cambios en el reglamento cuando presentaron "
            "propuestas conjuntas y casos documentados.</p>"
        ),
    ),
]

# week, question index, username, post (Markdown): answers in the three languages.
POSTS = [
    (1, 0, "participant-es", "Trabajo en una cooperativa de productoras de quinua en "
     "Cochabamba. Aquí la economía social es, sobre todo, **trabajo asociado**."),
    (1, 0, "participant-fr", "Je travaille dans une CDEC à Montréal : nous accompagnons des "
     "entreprises d'économie sociale dans l'est de la ville."),
    (1, 0, "participant-en", "I coordinate a community economic development network in "
     "Manitoba. For us, the social economy means co-ops, credit unions and social "
     "enterprises run by and for the community."),
    (2, 0, "participant-en", "What surprised me most was how much of the social economy is "
     "invisible in official statistics."),
    (2, 1, "participant-fr", "Il nous manque des données sur les emplois créés, par région "
     "et par secteur."),
    (3, 0, "participant-es", "En Bolivia las compras públicas podrían abrirse a las "
     "asociaciones de productores si los pliegos fueran más simples."),
    (3, 0, "participant-fr", "À Montréal, la Ville a adopté une politique d'approvisionnement "
     "responsable : c'est un début."),
    (3, 1, "participant-en", "Community economic development in Canada looks a lot like "
     "what I read about the *economía popular* in Ecuador."),
]  # fmt: skip


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def week_dates(start: dt.date, number: int) -> tuple[dt.date, dt.date]:
    opens_on = start + dt.timedelta(weeks=number - 1)
    return opens_on, opens_on + dt.timedelta(days=6)


@transaction.atomic
def load_demo() -> DemoReport:
    report = DemoReport()
    editorial = ensure_editorial_setup()
    people = {row[0]: _person(row, report) for row in PEOPLE}
    organizer = people["organizer"]
    # The organizer publishes the course before being enrolled in it.
    organizer.groups.add(editorial.organizers)
    course = _course(organizer, report)
    weeks = {spec["number"]: _week(course, spec, organizer, report) for spec in WEEKS}
    for username, _first, _last, role, *_rest, week_number in PEOPLE:
        enroll(
            course=course,
            user=people[username],
            role=role,
            week=weeks[week_number] if week_number else None,
        )
    for case_study in CASE_STUDIES:
        _case_study(weeks[case_study.week], case_study, people, organizer, report)
    for week_number, question_index, username, text in POSTS:
        _post(weeks[week_number], question_index, people[username], text, report)
    _participation(course, weeks, people, _person(APPLICANT, report), report)
    return report


def _participation(course: CoursePage, weeks, people, applicant, report: DemoReport) -> None:
    """Applications (one pending), questions to a key respondent, a community of practice."""
    from forum.communities import create_community
    from forum.models import CommunityOfPractice, KeyRespondentQuestion

    for username in ("participant-es", "participant-fr", "participant-en"):
        Application.objects.get_or_create(
            course=course,
            user=people[username],
            defaults={"work_description": "—", "status": Application.Status.ACCEPTED},
        )
    _application, created = Application.objects.get_or_create(
        course=course,
        user=applicant,
        defaults={
            "role": Application.AppliedRole.KEY_RESPONDENT,
            "work_description": "Acompaño a cooperativas cafetaleras de mujeres en Cusco.",
            "key_respondent_statement": "Un caso: la Central de Cafetaleras y el fondo "
            "rotatorio que sostiene a sus socias entre dos cosechas.",
        },
    )
    if created:
        report.created.append("a pending application")
    for index, (username, question_index, text) in enumerate(QUESTIONS):
        post = _post(weeks[3], question_index, people[username], text, report)
        if post is not None:
            KeyRespondentQuestion.objects.get_or_create(post=post, defaults={"week": weeks[3]})
        if index == 0:  # answered by the key respondent of week 3
            _post(weeks[3], ANSWER[1], people[ANSWER[0]], ANSWER[2], report)
    if not CommunityOfPractice.objects.filter(course=course, name=COMMUNITY).exists():
        create_community(
            course=course,
            name=COMMUNITY,
            description="For those of us who work with rural and Indigenous co-ops.",
            members=[people["organizer"], people["participant-es"], people["participant-en"]],
        )
        report.created.append("a community of practice")


def _person(row, report: DemoReport):
    username, first_name, last_name, role, language, organisation, region, _week = row
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@puentes.example.org",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        profile = get_profile(user)
        profile.preferred_language = language
        profile.organisation = organisation
        profile.region = region
        profile.save()
        report.created.append(f"user {username}")
    # Sign-in asks for a verified address: the demo's are, so its logins work at once.
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    report.logins.append((username, Role(role).label, language))
    return user


def _course(organizer, report: DemoReport) -> CoursePage:
    home = HomePage.objects.first()
    existing = CoursePage.objects.child_of(home).filter(slug=COURSE_SLUG).first()
    if existing is not None:
        return existing
    start, _end = week_dates(timezone.localdate() - dt.timedelta(weeks=2, days=2), 1)
    course = CoursePage(
        slug=COURSE_SLUG,
        owner=organizer,
        start_date=start,
        end_date=start + dt.timedelta(weeks=6, days=-1),
        application_deadline=start - dt.timedelta(weeks=3),
        live=False,
        **COURSE,
    )
    home.add_child(instance=course)
    course.save_revision(user=organizer).publish(user=organizer)
    report.created.append(f"course {course.title}")
    return course


def _week(course: CoursePage, spec: dict, organizer, report: DemoReport) -> WeekPage:
    existing = WeekPage.objects.child_of(course).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    opens_on, closes_on = week_dates(course.start_date, spec["number"])
    week = WeekPage(
        owner=organizer,
        opens_on=opens_on,
        closes_on=closes_on,
        live=False,
        **spec,
    )
    course.add_child(instance=week)
    # Publishing opens the week's forum and its question topics, in the organizer's name.
    week.save_revision(user=organizer).publish(user=organizer)
    report.created.append(f"week {week.number}")
    return week


def _case_study(week: WeekPage, spec: CaseStudy, people, organizer, report: DemoReport) -> None:
    if CaseStudyPage.objects.child_of(week).filter(slug=spec.slug).exists():
        return
    author = people[spec.author]
    page = CaseStudyPage(
        slug=spec.slug,
        title=spec.title,
        owner=author,
        region=spec.region,
        language=spec.language,
        abstract=spec.abstract,
        body=spec.body,
        policy_reflections=spec.policy_reflections,
        advocacy_experience=spec.advocacy_experience,
        live=False,
    )
    week.add_child(instance=page)
    page.authors.set([author])
    page.save()
    # Written by the key respondent, approved and published by the organizer.
    page.save_revision(user=author).publish(user=organizer)
    report.created.append(f"case study {spec.slug}")


def _post(week: WeekPage, question_index: int, user, text: str, report: DemoReport):
    from forum.models import QuestionTopic  # the demo may read the forum it feeds

    Post = get_model("forum_conversation", "Post")
    question_topic = (
        QuestionTopic.objects.filter(week=week, retired=False)
        .select_related("topic")
        .order_by("position")[question_index]
    )
    topic = question_topic.topic
    subject = f"Re: {topic.subject}"[:255]
    if Post.objects.filter(topic=topic, poster=user, content=text).exists():
        return None
    post = Post(topic=topic, poster=user, subject=subject, content=text, approved=True)
    # Each demo member writes in their preferred language and says so, as the post form
    # does: the "Re: …" subject in the course's language would mislead detection.
    post.puentes_chosen_language = get_profile(user).preferred_language
    post.save()
    report.created.append(f"post by {user.username} in week {week.number}")
    return post
