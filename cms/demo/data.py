"""The demo cohort's course content: the course page, its six weeks (readings and
discussion questions) and the key respondents' case studies.

Plain data, read by `cms.demo.course`; the people and the discussions live with their loaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COURSE = {
    "language_written": "en",
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


WEEKS: list[dict[str, Any]] = [
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
    # Slugs of the shared vocabulary (cms.demo.vocabulary).
    territory: str = ""
    themes: tuple[str, ...] = ()


CASE_STUDIES = [
    CaseStudy(
        week=4,
        slug="chantier-et-senaes",
        title="Le Chantier de l'économie sociale et la SENAES : deux chemins de co-construction",
        author="respondent-fr",
        region="Québec (Canada) et Brésil",
        language="fr",
        territory="quebec",
        themes=("co-construction", "legislation"),
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
        territory="ecuador",
        themes=("legislation", "public-procurement"),
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


#: The course's glossary: the organizers' agreed renderings, applied to posts and pages
#: (gender and plural let the words around a term agree); names kept as written.
GLOSSARY: list[dict[str, Any]] = [
    {
        "term_en": "policy",
        "plural_en": "policies",
        "term_es": "política",
        "gender_es": "f",
        "term_fr": "politique",
        "gender_fr": "f",
        "note": "Public policy, never an insurance policy.",
    },
    {
        "term_en": "social economy",
        "term_es": "economía social",
        "gender_es": "f",
        "term_fr": "économie sociale",
        "gender_fr": "f",
    },
    {
        "term_en": "Latin America",
        "term_es": "América Latina",
        "gender_es": "f",
        "term_fr": "Amérique latine",
        "gender_fr": "f",
    },
    {
        "term_en": "public policy",
        "plural_en": "public policies",
        "term_es": "política pública",
        "plural_es": "políticas públicas",
        "gender_es": "f",
        "term_fr": "politique publique",
        "plural_fr": "politiques publiques",
        "gender_fr": "f",
    },
    {
        "term_en": "co-construction",
        "term_es": "co-construcción",
        "gender_es": "f",
        "term_fr": "co-construction",
        "gender_fr": "f",
    },
    {
        "term_en": "proceedings",
        "term_es": "actas",
        "gender_es": "f",
        "term_fr": "actes",
        "gender_fr": "m",
        "note": "The course's published proceedings (plural in every language).",
    },
    {"term_fr": "Chantier de l'économie sociale", "do_not_translate": True},
    {"term_es": "Paul Singer", "do_not_translate": True},
    {"term_es": "SENAES", "do_not_translate": True},
]
