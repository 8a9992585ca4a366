"""Glossary agreement, for bench/translation_fidelity.py: sentences written around the terms.

Each sentence uses glossary terms with an article, a determiner, a number or an adjective
next to them, in the singular and the plural, and says for each of the two other
languages the patterns a correct translation must contain (case-sensitive: a term is not
capitalised in mid-sentence, nor the word after it). Only the words next to a term are
checked, an adjective before or after the term alike (word order is the engine's,
agreement the glossary's); the rest of the sentence is not looked at.
Cases the glossary has to get right: gender that changes across languages (``le réseau``,
``la red``), French elision (``l'économie sociale``), contractions (``du``, ``al``),
plurals of a term (``coopératives``), English ``a``/``an``. Apart from these, ``VERBS``
checks the verb of sentences whose subject is a term (its number is hidden from the
engine while the term is a token).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fidelity_corpus import DIRECTIONS, Item
from fidelity_measures import project_path

from translations.engines import Engine
from translations.glossary import Glossary
from translations.models import GlossaryTerm, SegmentMemory

#: The terms, in each language; the grammar the model may hold (gender, plural forms) is
#: given under the field names the model uses and left out where it has no such field.
TERMS: list[dict[str, Any]] = [
    {
        "term_es": "economía social",
        "term_fr": "économie sociale",
        "term_en": "social economy",
        "gender_es": "f",
        "gender_fr": "f",
        "plural_es": "economías sociales",
        "plural_fr": "économies sociales",
        "plural_en": "social economies",
    },
    {
        "term_es": "publicación",
        "term_fr": "publication",
        "term_en": "publication",
        "gender_es": "f",
        "gender_fr": "f",
        "plural_es": "publicaciones",
        "plural_fr": "publications",
        "plural_en": "publications",
    },
    {
        "term_es": "cooperativa",
        "term_fr": "coopérative",
        "term_en": "co-operative",
        "gender_es": "f",
        "gender_fr": "f",
        "plural_es": "cooperativas",
        "plural_fr": "coopératives",
        "plural_en": "co-operatives",
    },
    {
        "term_es": "red",
        "term_fr": "réseau",
        "term_en": "network",
        "gender_es": "f",
        "gender_fr": "m",
        "plural_es": "redes",
        "plural_fr": "réseaux",
        "plural_en": "networks",
    },
    {
        "term_es": "presupuesto participativo",
        "term_fr": "budget participatif",
        "term_en": "participatory budget",
        "gender_es": "m",
        "gender_fr": "m",
        "plural_es": "presupuestos participativos",
        "plural_fr": "budgets participatifs",
        "plural_en": "participatory budgets",
    },
    {
        "term_es": "asamblea general",
        "term_fr": "assemblée générale",
        "term_en": "general assembly",
        "gender_es": "f",
        "gender_fr": "f",
        "plural_es": "asambleas generales",
        "plural_fr": "assemblées générales",
        "plural_en": "general assemblies",
    },
    {
        "term_es": "política",
        "term_fr": "politique",
        "term_en": "policy",
        "gender_es": "f",
        "gender_fr": "f",
        "plural_es": "políticas",
        "plural_fr": "politiques",
        "plural_en": "policies",
    },
]

# (source language, sentence, {target: [patterns, all of which must be found]})
SENTENCES: list[tuple[str, str, dict[str, list[str]]]] = [
    # Spanish
    ("es", "La economía social crece en toda la región.", {
        "fr": [r"^L['’]économie sociale\b"],
        "en": [r"^(?:The s|S)ocial economy\b"],
    }),
    ("es", "Hablamos de la economía social en Quebec.", {
        "fr": [r"\bde l['’]économie sociale\b"],
        "en": [r"\b(?:about|of|on) (?:the )?social economy\b"],
    }),
    ("es", "Leí una publicación nueva sobre el tema.", {
        "fr": [r"\bune (?:nouvelle publication|publication nouvelle)\b"],
        "en": [r"\ba (?:new publication|publication new)\b"],
    }),
    ("es", "Esta publicación es muy útil.", {
        "fr": [r"^Cette publication\b"],
        "en": [r"^This publication\b"],
    }),
    ("es", "Las cooperativas pequeñas necesitan crédito.", {
        "fr": [r"^Les (?:petites coopératives|coopératives petites)\b"],
        "en": [r"^(?:The )?(?:[Ss]mall co-operatives|[Cc]o-operatives small)\b"],
    }),
    ("es", "Nuestra cooperativa tiene tres redes locales.", {
        "fr": [r"^Notre coopérative\b", r"\btrois (?:réseaux locaux|locaux réseaux)\b"],
        "en": [r"^Our co-operative\b", r"\bthree (?:local networks|networks local)\b"],
    }),
    ("es", "La red nueva une a veinte cooperativas.", {
        "fr": [r"^Le (?:nouveau réseau|réseau nouveau)\b", r"\bvingt coopératives\b"],
        "en": [r"^The (?:new network|network new)\b", r"\btwenty co-operatives\b"],
    }),
    ("es", "Participamos en una red internacional.", {
        "fr": [r"\bun réseau international\b"],
        "en": [r"\b(?:an international network|a network international)\b"],
    }),
    ("es", "El presupuesto participativo de la ciudad es pequeño.", {
        "fr": [r"^Le budget participatif\b"],
        "en": [r"^The participatory budget\b"],
    }),
    ("es", "Votamos los presupuestos participativos cada año.", {
        "fr": [r"\bles budgets participatifs\b"],
        "en": [r"\b(?:the )?participatory budgets\b"],
    }),
    ("es", "La asamblea general aprobó las cuentas.", {
        "fr": [r"^L['’]assemblée générale\b"],
        "en": [r"^The general assembly\b"],
    }),
    ("es", "Presentamos el informe a la asamblea general.", {
        "fr": [r"\bà l['’]assemblée générale\b"],
        "en": [r"\bto the general assembly\b"],
    }),
    ("es", "Estas publicaciones hablan de la economía social.", {
        "fr": [r"^Ces publications\b", r"\b(?:de|sur) l['’]économie sociale\b"],
        "en": [r"^These publications\b", r"\b(?:about|of|on) (?:the )?social economy\b"],
    }),
    ("es", "Una cooperativa de la red vende café.", {
        "fr": [r"^Une coopérative (?:du|de ce) réseau\b"],
        "en": [r"^A co-operative (?:of|in|from) the network\b"],
    }),
    # French
    ("fr", "L'économie sociale emploie beaucoup de personnes.", {
        "es": [r"^La economía social\b"],
        "en": [r"^(?:The s|S)ocial economy\b"],
    }),
    ("fr", "Le réseau local est très actif.", {
        "es": [r"^La (?:red local|local red)\b"],
        "en": [r"^The (?:local network|network local)\b"],
    }),
    ("fr", "Nous avons créé un réseau de coopératives.", {
        "es": [r"\buna red de cooperativas\b"],
        "en": [r"\ba (?:network of co-operatives|co-operative network)\b"],
    }),
    ("fr", "Cette publication présente trois coopératives.", {
        "es": [r"^Esta publicación\b", r"\btres cooperativas\b"],
        "en": [r"^This publication\b", r"\bthree co-operatives\b"],
    }),
    ("fr", "Une nouvelle publication sort demain.", {
        "es": [r"^Una (?:nueva publicación|publicación nueva)\b"],
        "en": [r"^A (?:new publication|publication new)\b"],
    }),
    ("fr", "Le rôle du réseau est essentiel.", {
        "es": [r"\bde la red\b"],
        "en": [r"\bof the network\b"],
    }),
    ("fr", "Les coopératives agricoles du Québec exportent du sirop.", {
        "es": [r"^Las (?:cooperativas agrícolas|agrícolas cooperativas)\b"],
        "en": [r"^(?:The )?(?:[Aa]gricultural co-operatives|[Cc]o-operatives agricultural)\b"],
    }),
    ("fr", "Le budget participatif finance des parcs.", {
        "es": [r"^El presupuesto participativo\b"],
        "en": [r"^The participatory budget\b"],
    }),
    ("fr", "Les habitants votent sur le budget participatif.", {
        "es": [r"\b(?:sobre|en) el presupuesto participativo\b"],
        "en": [r"\bon the participatory budget\b"],
    }),
    ("fr", "Chaque coopérative envoie un délégué à l'assemblée générale.", {
        "es": [r"^Cada cooperativa\b", r"\ba la asamblea general\b"],
        "en": [r"^Each co-operative\b", r"\bto the general assembly\b"],
    }),
    ("fr", "Les assemblées générales ont lieu en mars.", {
        "es": [r"^Las asambleas generales\b"],
        "en": [r"^(?:The g|G)eneral assemblies\b"],
    }),
    ("fr", "Notre coopérative prépare une publication annuelle.", {
        "es": [r"^Nuestra cooperativa\b", r"\buna (?:publicación anual|anual publicación)\b"],
        "en": [r"^Our co-operative\b", r"\b(?:an annual publication|a publication annual)\b"],
    }),
    ("fr", "Les acteurs de l'économie sociale se réunissent.", {
        "es": [r"\bde la economía social\b"],
        "en": [r"\b(?:of (?:the )?social economy|[Ss]ocial economy actors)\b"],
    }),
    ("fr", "Ces réseaux partagent leurs publications.", {
        "es": [r"^Estas redes\b", r"\bsus publicaciones\b"],
        "en": [r"^These networks\b", r"\btheir publications\b"],
    }),
    # English
    ("en", "The social economy is growing in Chile.", {
        "es": [r"^La economía social\b"],
        "fr": [r"^L['’]économie sociale\b"],
    }),
    ("en", "We wrote a publication about the social economy.", {
        "es": [r"\buna publicación\b", r"\b(?:sobre|de) la economía social\b"],
        "fr": [r"\bune publication\b", r"\b(?:sur|de) l['’]économie sociale\b"],
    }),
    ("en", "A co-operative can join the network.", {
        "es": [r"^Una cooperativa\b", r"\bla red\b"],
        "fr": [r"^Une coopérative\b", r"\b(?:le|au) réseau\b"],
    }),
    ("en", "The new co-operatives need support.", {
        "es": [r"^Las (?:nuevas cooperativas|cooperativas nuevas)\b"],
        "fr": [r"^Les (?:nouvelles coopératives|coopératives nouvelles)\b"],
    }),
    ("en", "Three co-operatives left the network.", {
        "es": [r"^Tres cooperativas\b", r"\bla red\b"],
        "fr": [r"^Trois coopératives\b", r"\b(?:le|du) réseau\b"],
    }),
    ("en", "This network connects small producers.", {
        "es": [r"^Esta red\b"],
        "fr": [r"^Ce réseau\b"],
    }),
    ("en", "The participatory budget was approved in May.", {
        "es": [r"^El presupuesto participativo\b"],
        "fr": [r"^Le budget participatif\b"],
    }),
    ("en", "Citizens vote on the participatory budget every year.", {
        "es": [r"\bel presupuesto participativo\b"],
        "fr": [r"\ble budget participatif\b"],
    }),
    ("en", "The general assembly meets in June.", {
        "es": [r"^La asamblea general\b"],
        "fr": [r"^L['’]assemblée générale\b"],
    }),
    ("en", "Members of the co-operative attend the general assembly.", {
        "es": [r"\bde la cooperativa\b", r"\b(?:a )?la asamblea general\b"],
        "fr": [r"\bde la coopérative\b", r"\b(?:à )?l['’]assemblée générale\b"],
    }),
    ("en", "These publications describe three social economy laws.", {
        "es": [r"^Estas publicaciones\b", r"\btres leyes (?:de|sobre) (?:la )?economía social\b"],
        "fr": [r"^Ces publications\b", r"\btrois lois (?:d|de l|sur l)['’]économie sociale\b"],
    }),
    ("en", "Our publication is free.", {
        "es": [r"^Nuestra publicación\b"],
        "fr": [r"^Notre publication\b"],
    }),
    ("en", "Each network sends a report to the general assembly.", {
        "es": [r"^Cada red\b", r"\ba la asamblea general\b"],
        "fr": [r"^Chaque réseau\b", r"\bà l['’]assemblée générale\b"],
    }),
    ("en", "The social economy networks of Quebec are strong.", {
        "es": [r"^Las redes de (?:la )?economía social\b"],
        "fr": [r"^Les réseaux (?:de l['’]|d['’])économie sociale\b"],
    }),
    # English adjectives before a term: after it in Spanish and French, except the few
    # that stay before the noun there (new, big, first: "nueva", "grands", "première").
    ("en", "Co-construction of public policy takes time.", {
        "es": [r"\bde (?:la )?política pública\b"],
        "fr": [r"\b(?:de la |de )politique publique\b"],
    }),
    ("en", "Social policies reduce poverty.", {
        "es": [r"^(?:Las p|P)olíticas sociales\b"],
        "fr": [r"^(?:Les p|P)olitiques sociales\b"],
    }),
    ("en", "We need a strong policy.", {
        "es": [r"\buna política fuerte\b"],
        "fr": [r"\bune politique forte\b"],
    }),
    ("en", "The new policy starts in May.", {
        "es": [r"^La nueva política\b"],
        "fr": [r"^La nouvelle politique\b"],
    }),
    ("en", "Local co-operatives sell coffee.", {
        "es": [r"^(?:Las c|C)ooperativas locales\b"],
        "fr": [r"^(?:Les c|C)oopératives locales\b"],
    }),
    ("en", "Three big networks support public policies.", {
        "es": [r"^Tres grandes redes\b", r"\bpolíticas públicas\b"],
        "fr": [r"^Trois grands réseaux\b", r"\bpolitiques publiques\b"],
    }),
    ("en", "A small co-operative joined a national network.", {
        "es": [r"^Una (?:pequeña cooperativa|cooperativa pequeña)\b", r"\buna red nacional\b"],
        "fr": [r"^Une petite coopérative\b", r"\bun réseau national\b"],
    }),
    ("en", "The city debated its social and economic policies.", {
        "es": [r"\bsus políticas sociales y económicas\b"],
        "fr": [r"\bses politiques sociales et économiques\b"],
    }),
    ("en", "The first participatory budget was a success.", {
        "es": [r"^El primer presupuesto participativo\b"],
        "fr": [r"^Le premier budget participatif\b"],
    }),
]  # fmt: skip


#: The verb (or predicate) of sentences whose subject is a term, by target: the token that
#: stands for a term during translation hides its number and gender from the engine's
#: tagger, which then picks a singular verb for a plural subject, or reads the verb as a
#: noun. Reported apart: the articles and adjectives above are the glossary's own job.
#: Each pattern accepts a verb in the right number, read as a verb (the engine's choice of
#: verb, "exits" for *sort*, is not looked at).
VERBS: dict[str, dict[str, str]] = {
    "La economía social crece en toda la región.": {
        "fr": r"\bsociale (?:grandit|croît|se développe|progresse)\b",
        "en": r"\beconomy (?:grows|is growing)\b",
    },
    "Las cooperativas pequeñas necesitan crédito.": {
        "fr": r"\b(?:ont besoin|nécessitent|précisent)\b",
        "en": r"\bneed\b",
    },
    "Nuestra cooperativa tiene tres redes locales.": {
        "fr": r"\bcoopérative a\b",
        "en": r"\bco-operative has\b",
    },
    "La red nueva une a veinte cooperativas.": {
        "fr": r"\b(?:unit|relie|rassemble|réunit)\b",
        "en": r"\b(?:joins|unites|links|connects|brings)\b",
    },
    "La asamblea general aprobó las cuentas.": {
        "fr": r"\bgénérale a approuvé\b",
        "en": r"\bassembly approved\b",
    },
    "Estas publicaciones hablan de la economía social.": {
        "fr": r"\bpublications parlent\b",
        "en": r"\bpublications (?:speak|talk)\b",
    },
    "Una cooperativa de la red vende café.": {
        "fr": r"\bréseau vend\b",
        "en": r"\bnetwork sells\b",
    },
    "L'économie sociale emploie beaucoup de personnes.": {
        "es": r"\bsocial emplea\b",
        "en": r"\beconomy employs\b",
    },
    "Le réseau local est très actif.": {
        "es": r"\bes muy activa\b",
        "en": r"\bis very active\b",
    },
    "Cette publication présente trois coopératives.": {
        "es": r"\bpublicación presenta\b",
        "en": r"\bpublication presents\b",
    },
    "Une nouvelle publication sort demain.": {
        "es": r"\bpublicación (?:nueva )?sale\b",
        "en": r"\bpublication (?:comes out|is (?:released|published)|appears|goes out|exits)\b",
    },
    "Le budget participatif finance des parcs.": {
        "es": r"\bparticipativo financia\b",
        "en": r"\bbudget (?:finances|funds|pays for)\b",
    },
    "Chaque coopérative envoie un délégué à l'assemblée générale.": {
        "es": r"\bcooperativa envía\b",
        "en": r"\bco-operative sends\b",
    },
    "Les assemblées générales ont lieu en mars.": {
        "es": r"\bgenerales (?:tienen lugar|se celebran)\b",
        "en": r"\bassemblies (?:take place|are held)\b",
    },
    "Notre coopérative prépare une publication annuelle.": {
        "es": r"\bcooperativa prepara\b",
        "en": r"\bco-operative prepares\b",
    },
    "Ces réseaux partagent leurs publications.": {
        "es": r"\bredes comparten sus\b",
        "en": r"\bnetworks share their\b",
    },
    "The social economy is growing in Chile.": {
        "es": r"\bsocial (?:está creciendo|crece)\b",
        "fr": r"\bsociale (?:est en train de (?:grandir|croître)|grandit|croît|se développe)\b",
    },
    "A co-operative can join the network.": {
        "es": r"\bcooperativa puede\b",
        "fr": r"\bcoopérative peut\b",
    },
    "The new co-operatives need support.": {
        "es": r"\b(?:cooperativas|nuevas) necesitan\b",
        "fr": r"\b(?:coopératives|nouvelles) (?:ont besoin|nécessitent)\b",
    },
    "Three co-operatives left the network.": {
        "es": r"\bcooperativas (?:dejaron|abandonaron|salieron)\b",
        "fr": r"\bcoopératives ont (?:quitté|laissé)\b",
    },
    "This network connects small producers.": {
        "es": r"\bred (?:conecta|une|vincula)\b",
        "fr": r"\bréseau (?:relie|connecte)\b",
    },
    "The participatory budget was approved in May.": {
        "es": r"\bparticipativo (?:fue|estuvo) aprobado\b",
        "fr": r"\bparticipatif a été approuvé\b",
    },
    "The general assembly meets in June.": {
        "es": r"\bgeneral (?:se reúne|cumple|encuentra)\b",
        "fr": r"\bgénérale (?:se réunit|accomplit|rencontre)\b",
    },
    "These publications describe three social economy laws.": {
        "es": r"\bpublicaciones describen\b",
        "fr": r"\bpublications décrivent\b",
    },
    "Our publication is free.": {
        "es": r"\bpublicación es\b",
        "fr": r"\bpublication est\b",
    },
    "Each network sends a report to the general assembly.": {
        "es": r"\bred envía\b",
        "fr": r"\bréseau envoie\b",
    },
    "The social economy networks of Quebec are strong.": {
        "es": r"\bson fuertes\b",
        "fr": r"\bsont forts\b",
    },
}


def glossary_terms(*, grammar: bool = True) -> tuple[list[GlossaryTerm], list[str]]:
    """Unsaved terms with the fields the model has; and the grammar fields it lacks.

    Without ``grammar``, the terms alone, as an organizer who fills in nothing else.
    """
    fields = {field.name for field in GlossaryTerm._meta.get_fields()}
    if not grammar:
        fields = {name for name in fields if name.startswith("term_")}
    missing = sorted({name for term in TERMS for name in term} - fields)
    terms = [GlossaryTerm(**{k: v for k, v in term.items() if k in fields}) for term in TERMS]
    return terms, missing


@dataclass(frozen=True)
class Check:
    sentence: str
    output: str
    #: The articles, determiners and adjectives next to each term agree.
    agreed: bool
    #: The verb of a subject term agrees (None: the sentence has no such check).
    verb: bool | None


def agreement(
    new_engine: Callable[[], Engine],
    *,
    grammar: bool = True,
    directions: tuple[tuple[str, str], ...] = DIRECTIONS,
) -> dict[tuple[str, str], list[Check]]:
    """Per direction, each sentence of its source language through the project's path."""
    terms, _missing = glossary_terms(grammar=grammar)
    results: dict[tuple[str, str], list[Check]] = {}
    for source, target in directions:
        chosen = [(text, by[target]) for lang, text, by in SENTENCES if lang == source]
        items = [Item({source: text}, "markdown", "glossary") for text, _ in chosen]
        SegmentMemory.objects.all().delete()
        engine = new_engine()
        outputs = project_path(items, source, target, engine, Glossary(terms, source))
        getattr(engine, "close", lambda: None)()
        results[source, target] = [
            Check(text, output, agrees(output, patterns), verb_agrees(text, target, output))
            for (text, patterns), output in zip(chosen, outputs, strict=True)
        ]
    return results


def agrees(output: str, patterns: list[str]) -> bool:
    return all(re.search(pattern, output) for pattern in patterns)


def verb_agrees(sentence: str, target: str, output: str) -> bool | None:
    pattern = VERBS.get(sentence, {}).get(target)
    return None if pattern is None else re.search(pattern, output) is not None
