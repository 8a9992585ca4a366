"""A parallel es/fr/en corpus available offline, for bench/translation_fidelity.py.

Two parts:

- the message catalogs shipped inside the project's installed dependencies (Django,
  Wagtail, django-machina, allauth, …): every entry translated in both the ``es`` and the
  ``fr`` catalog of one package, aligned through the English ``msgid``. Real interface
  text by real translators, with real placeholders (``%(name)s``, ``{0}``, ``%s``), HTML
  tags and links;
- Markdown items written for this benchmark (``MARKDOWN``), the same post in the three
  languages, with the markup forum posts hold: inline code, links, reference links,
  emphasis, task lists, images, inline and block HTML, tables, quotes, mentions.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import polib

LANGUAGES = ("es", "fr", "en")
DIRECTIONS = tuple((s, t) for s in LANGUAGES for t in LANGUAGES if s != t)
#: Installed packages whose catalogs are read: the project's dependencies and theirs.
PACKAGES = ("django", "wagtail", "machina", "allauth", "django_filters", "mptt", "taggit")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


@dataclass(frozen=True)
class Item:
    """One text in the three languages; ``kind`` says how the project's path parses it."""

    texts: dict[str, str]
    kind: str  # "markdown" (plain text is Markdown without markup) or "html"
    origin: str  # the catalog it comes from, or "markdown"


def catalog_items(packages: tuple[str, ...] = PACKAGES) -> list[Item]:
    """Entries translated in a package's es and fr catalogs, one per distinct msgid."""
    items: dict[str, Item] = {}
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        root = Path(spec.origin).parent
        for es_path in sorted(root.rglob("locale/es/LC_MESSAGES/*.po")):
            fr_path = es_path.parents[2] / "fr" / "LC_MESSAGES" / es_path.name
            if not fr_path.exists():
                continue
            origin = f"{package}/{es_path.relative_to(root).parts[0]}/{es_path.name}"
            french = {(e.msgctxt, e.msgid): singular(e) for e in usable(polib.pofile(str(fr_path)))}
            for entry in usable(polib.pofile(str(es_path))):
                fr = french.get((entry.msgctxt, entry.msgid))
                if fr and entry.msgid not in items:
                    texts = {"en": entry.msgid, "es": singular(entry), "fr": fr}
                    kind = "html" if _TAG.search(entry.msgid) else "markdown"
                    items[entry.msgid] = Item(texts, kind, origin)
    return list(items.values())


def usable(catalog: polib.POFile) -> list[polib.POEntry]:
    """Translated, current entries with some words in them."""
    return [
        entry
        for entry in catalog
        if entry.translated() and not entry.obsolete and re.search(r"[^\W\d_]{2}", entry.msgid)
    ]


def singular(entry: polib.POEntry) -> str:
    """The translation of ``msgid``: form 0 of an entry with plural forms."""
    return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr


def sample(items: list[Item], limit: int | None) -> list[Item]:
    """Every n-th item, so that a short run still draws from every catalog."""
    if limit is None or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(index * step)] for index in range(limit)]


def markdown_items() -> list[Item]:
    return [Item(texts, "markdown", "markdown") for texts in MARKDOWN]


def corpus(limit: int | None = None) -> list[Item]:
    return sample(catalog_items(), limit) + markdown_items()


MARKDOWN: list[dict[str, str]] = [
    {
        "es": "Abre `config.yml` y revisa la sección `mail`.",
        "fr": "Ouvre `config.yml` et vérifie la section `mail`.",
        "en": "Open `config.yml` and check the `mail` section.",
    },
    {
        "es": "Cambia `DEBUG` a `False` y reinicia el servidor con `systemctl restart puentes`.",
        "fr": "Passe `DEBUG` à `False` et redémarre le serveur avec `systemctl restart puentes`.",
        "en": "Set `DEBUG` to `False` and restart the server with `systemctl restart puentes`.",
    },
    {
        "es": "Lee [el informe anual](https://example.org/informe) antes de la reunión del jueves.",
        "fr": "Lisez [le rapport annuel](https://example.org/informe) avant la réunion de jeudi.",
        "en": "Read [the annual report](https://example.org/informe) before Thursday's meeting.",
    },
    {
        "es": "Esto *no* es una cooperativa de consumo.",
        "fr": "Ce n'est *pas* une coopérative de consommation.",
        "en": "This is *not* a consumer co-operative.",
    },
    {
        "es": "La asamblea vota **el martes** por la tarde.",
        "fr": "L'assemblée vote **mardi** après-midi.",
        "en": "The assembly votes **on Tuesday** afternoon.",
    },
    {
        "es": "- [x] Leer el segundo capítulo\n- [ ] Escribir un resumen de la lectura\n"
        "- [ ] Responder a dos compañeros",
        "fr": "- [x] Lire le deuxième chapitre\n- [ ] Écrire un résumé de la lecture\n"
        "- [ ] Répondre à deux camarades",
        "en": "- [x] Read the second chapter\n- [ ] Write a summary of the reading\n"
        "- [ ] Reply to two classmates",
    },
    {
        "es": "Consulta [el presupuesto][] de este año.\n\n"
        "[el presupuesto]: https://example.org/presupuesto",
        "fr": "Consultez [le budget][] de cette année.\n\n"
        "[le budget]: https://example.org/presupuesto",
        "en": "See [the budget][] for this year.\n\n[the budget]: https://example.org/presupuesto",
    },
    {
        "es": "Las [actas de la reunión][actas] ya están en línea.\n\n"
        "[actas]: https://example.org/actas",
        "fr": "Le [compte rendu de la réunion][actas] est en ligne.\n\n"
        "[actas]: https://example.org/actas",
        "en": "The [minutes of the meeting][actas] are online.\n\n"
        "[actas]: https://example.org/actas",
    },
    {
        "es": "Las inscripciones están abiertas en <https://example.org/inscripcion> hasta el "
        "viernes.",
        "fr": "Les inscriptions sont ouvertes sur <https://example.org/inscripcion> jusqu'à "
        "vendredi.",
        "en": "Registration is open at <https://example.org/inscripcion> until Friday.",
    },
    {
        "es": "![Mapa de la región](mapa.png) El mapa muestra las cooperativas de la región.",
        "fr": "![Mapa de la región](mapa.png) La carte montre les coopératives de la région.",
        "en": "![Mapa de la región](mapa.png) The map shows the co-operatives of the region.",
    },
    {
        "es": "Ejecuta `./dev run` y espera *unos segundos* antes de abrir el navegador.",
        "fr": "Lance `./dev run` et attends *quelques secondes* avant d'ouvrir le navigateur.",
        "en": "Run `./dev run` and wait *a few seconds* before opening the browser.",
    },
    {
        "es": "## Preguntas para la tercera semana\n\nResponde antes del domingo.",
        "fr": "## Questions pour la troisième semaine\n\nRépondez avant dimanche.",
        "en": "## Questions for the third week\n\nReply before Sunday.",
    },
    {
        "es": "> La cooperación es la base de nuestra economía.\n\nEstoy de acuerdo con esta cita.",
        "fr": "> La coopération est la base de notre économie.\n\n"
        "Je suis d'accord avec cette citation.",
        "en": "> Co-operation is the basis of our economy.\n\nI agree with this quotation.",
    },
    {
        "es": "1. Lee [la guía](https://example.org/guia).\n2. Descarga `plantilla.docx`.\n"
        "3. Envía tu texto a la profesora.",
        "fr": "1. Lis [le guide](https://example.org/guia).\n2. Télécharge `plantilla.docx`.\n"
        "3. Envoie ton texte à la professeure.",
        "en": "1. Read [the guide](https://example.org/guia).\n2. Download `plantilla.docx`.\n"
        "3. Send your text to the teacher.",
    },
    {
        "es": "El archivo de configuración define los idiomas del curso. Cada sección tiene "
        "un nombre y una lista de valores. Para añadir un idioma, escribe su código en "
        "`LANGUAGES` y vuelve a cargar la página. Los cambios se aplican a todos los "
        "participantes del curso.",
        "fr": "Le fichier de configuration définit les langues du cours. Chaque section a un "
        "nom et une liste de valeurs. Pour ajouter une langue, écris son code dans "
        "`LANGUAGES` et recharge la page. Les changements s'appliquent à tous les "
        "participants du cours.",
        "en": "The configuration file defines the languages of the course. Each section has "
        "a name and a list of values. To add a language, write its code in `LANGUAGES` and "
        "reload the page. The changes apply to all the participants of the course.",
    },
    {
        "es": "| País | Cooperativas |\n| --- | --- |\n| Chile | Muchas en el sur |\n"
        "| Canadá | Sobre todo en Quebec |",
        "fr": "| Pays | Coopératives |\n| --- | --- |\n| Chili | Beaucoup dans le sud |\n"
        "| Canada | Surtout au Québec |",
        "en": "| Country | Co-operatives |\n| --- | --- |\n| Chile | Many in the south |\n"
        "| Canada | Mostly in Quebec |",
    },
    {
        "es": "Gracias @maria_lopez, te escribo a coordinacion@example.org mañana.",
        "fr": "Merci @maria_lopez, je t'écris à coordinacion@example.org demain.",
        "en": "Thank you @maria_lopez, I will write to you at coordinacion@example.org tomorrow.",
    },
    {
        "es": "La reunión es ~~el lunes~~ el martes a las diez.",
        "fr": "La réunion a lieu ~~lundi~~ mardi à dix heures.",
        "en": "The meeting is ~~on Monday~~ on Tuesday at ten.",
    },
    {
        "es": "Descarga [**la guía** del curso](https://example.org/guia) y léela con calma.",
        "fr": "Télécharge [**le guide** du cours](https://example.org/guia) et lis-le "
        "tranquillement.",
        "en": "Download [**the guide** of the course](https://example.org/guia) and read it "
        "calmly.",
    },
    {
        "es": "Pulsa <kbd>Ctrl</kbd> + <kbd>S</kbd> para guardar el borrador.",
        "fr": "Appuie sur <kbd>Ctrl</kbd> + <kbd>S</kbd> pour enregistrer le brouillon.",
        "en": "Press <kbd>Ctrl</kbd> + <kbd>S</kbd> to save the draft.",
    },
    {
        "es": '<div class="nota">\nEl plazo termina el viernes.\n</div>\n\nPregunta si tienes '
        "dudas.",
        "fr": '<div class="nota">\nLe délai se termine vendredi.\n</div>\n\nDemande si tu as '
        "des doutes.",
        "en": '<div class="nota">\nThe deadline ends on Friday.\n</div>\n\nAsk if you have '
        "any doubts.",
    },
    {
        "es": "Copia este bloque en tu terminal:\n\n```sh\n./dev test\n```\n\n"
        "Después comparte el resultado en el foro.",
        "fr": "Copie ce bloc dans ton terminal :\n\n```sh\n./dev test\n```\n\n"
        "Ensuite partage le résultat sur le forum.",
        "en": "Copy this block into your terminal:\n\n```sh\n./dev test\n```\n\n"
        "Then share the result on the forum.",
    },
    {
        "es": 'Lee [la carta de principios](https://example.org/carta "Carta") y comenta un punto.',
        "fr": 'Lis [la charte de principes](https://example.org/carta "Carta") et commente '
        "un point.",
        "en": 'Read [the charter of principles](https://example.org/carta "Carta") and '
        "comment on one point.",
    },
    {
        "es": "Es _muy importante_ respetar los plazos de entrega.",
        "fr": "Il est _très important_ de respecter les délais de remise.",
        "en": "It is _very important_ to respect the submission deadlines.",
    },
    {
        "es": "El 12 de marzo de 2024 la cooperativa tenía 340 socios y 12 empleados.",
        "fr": "Le 12 mars 2024, la coopérative comptait 340 membres et 12 employés.",
        "en": "On 12 March 2024 the co-operative had 340 members and 12 employees.",
    },
    {
        "es": "- [ ] Revisar `docs/guia.md`\n- [x] Leer [la introducción](https://example.org/"
        "intro)",
        "fr": "- [ ] Relire `docs/guia.md`\n- [x] Lire [l'introduction](https://example.org/intro)",
        "en": "- [ ] Review `docs/guia.md`\n- [x] Read [the introduction](https://example.org/"
        "intro)",
    },
    {
        "es": "El caso de Quebec es interesante porque el Estado reconoce a las empresas "
        "colectivas. Según [la ley de 2013](https://example.org/ley), el gobierno debe "
        "consultar al sector. Sin embargo, los fondos siguen siendo escasos y las "
        "cooperativas pequeñas no siempre tienen acceso al crédito.",
        "fr": "Le cas du Québec est intéressant parce que l'État reconnaît les entreprises "
        "collectives. Selon [la loi de 2013](https://example.org/ley), le gouvernement doit "
        "consulter le secteur. Cependant, les fonds restent rares et les petites "
        "coopératives n'ont pas toujours accès au crédit.",
        "en": "The case of Quebec is interesting because the State recognises collective "
        "enterprises. According to [the 2013 law](https://example.org/ley), the government "
        "must consult the sector. However, funds remain scarce and small co-operatives do "
        "not always have access to credit.",
    },
    {
        "es": "Primera línea del poema  \nsegunda línea del poema",
        "fr": "Première ligne du poème  \ndeuxième ligne du poème",
        "en": "First line of the poem  \nsecond line of the poem",
    },
    {
        "es": "Mira el vídeo en https://example.org/video y dime qué piensas.",
        "fr": "Regarde la vidéo sur https://example.org/video et dis-moi ce que tu en penses.",
        "en": "Watch the video at https://example.org/video and tell me what you think.",
    },
    {
        "es": "La función `traducir()` devuelve `None` cuando el motor no *responde*.",
        "fr": "La fonction `traducir()` renvoie `None` quand le moteur ne *répond* pas.",
        "en": "The function `traducir()` returns `None` when the engine does not *respond*.",
    },
]
