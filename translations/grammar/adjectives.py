"""English adjectives right before a glossary term, carried with it and placed in the target.

Apertium puts an English adjective after the noun (``public policy`` → ``política
pública``) only when it knows the noun; before a glossary token, a word it does not know,
it leaves the adjective in front (``pública política``), and may even read it as a noun
(``Many local {G1}`` → ``lugareño``) or as a plural one (``a social {G1}`` → ``quelques
sociaux``). So, in an English source, the adjectives right before a term (one, a few, or
two joined by "and"/"or") leave the text with the term's token: the engine translates
``a {G1}``, and the adjectives come back with the term, translated through the engine's
own bilingual dictionaries (its first choice, as its transfer takes it) and written in the
term's gender and number: after it (``políticas públicas``, ``politiques sociales et
économiques``), or before it for the few adjectives Spanish and French put first
(``nueva política``, ``gran red``, ``nouvel espace``).

An adjective the dictionaries do not know in every target, one modified by an adverb
(``very strong``) or one of a list they cannot all follow (``social, economic and
cultural``) stays in the source, for the engine and :mod:`.agreement` as before. So does
one next to a word the tagger would otherwise take for a noun (``supports local {G1}``):
:mod:`.agreement` then moves the engine's rendering of it after the term.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .morphology import Reading, analyse, generate, transfer
from .pieces import TOKEN, Piece, first_of_sentence, pieces, with_capital

#: The languages an English term is translated into.
TARGETS = ("es", "fr")
#: At most this many adjectives before one term are taken with it.
_MOST = 3
_VERBS = frozenset({"vblex", "vbmod", "vbser", "vbhaver", "vbdo"})
_CONJUNCTIONS = {"and": {"es": "y", "fr": "et"}, "or": {"es": "o", "fr": "ou"}}
#: English words that modify the adjective after them, not the noun.
_DEGREE = frozenset({"very", "more", "most", "less", "least", "too", "so", "quite", "rather",
                     "fairly", "pretty", "as", "how", "not"})  # fmt: skip
#: Adjectives that stand before the noun (by lemma), where they keep the English order.
PRENOMINAL = {
    "es": frozenset({"grande", "bueno", "malo", "mejor", "peor", "nuevo", "primero",
                     "segundo", "tercero", "último", "otro", "mismo", "solo", "mucho",
                     "poco", "próximo"}),
    "fr": frozenset({"grand", "petit", "bon", "mauvais", "meilleur", "nouveau", "beau",
                     "joli", "jeune", "vieux", "gros", "long", "premier", "deuxième",
                     "dernier", "prochain", "autre", "même", "seul"}),
}  # fmt: skip
#: Spanish adjectives shortened before a singular noun: (lemma, gender or "" for both).
_SPANISH_SHORT = {
    ("grande", ""): "gran",
    ("bueno", "m"): "buen",
    ("malo", "m"): "mal",
    ("primero", "m"): "primer",
    ("tercero", "m"): "tercer",
}
#: French adjectives with a form of their own before a masculine noun with a vowel.
FRENCH_BEFORE_VOWEL = {"nouveau": "nouvel", "beau": "bel", "vieux": "vieil", "fou": "fol"}
_VOWELS = frozenset("aeiouyàâäáéèêëíîïóôöúùûüœæ")
#: French words in h- that elide what comes before them (h muet), by how they begin.
_MUTE_H = ("hab", "hist", "hom", "hôp", "heur", "hum", "hyg", "héb", "hér", "hôt", "harm",
           "hyp", "hon", "hor", "hiv", "hect", "hélic", "herb", "hésit")  # fmt: skip


@dataclass(frozen=True)
class Modifier:
    """One adjective before a term, or two joined by a conjunction (in its language)."""

    readings: tuple[Reading, ...]
    conjunction: str = ""


def starts_with_vowel(text: str, language: str) -> bool:
    lower = text.lower()
    if language == "fr" and lower.startswith(_MUTE_H):
        return True
    return lower[:1] in _VOWELS


# The source: adjectives taken out with the term's token -----------------------------------


@dataclass(frozen=True)
class Taken:
    """An English source with the adjectives before its terms taken out."""

    text: str
    #: The adjectives taken, by token number, in the order they were written.
    adjectives: dict[int, tuple[Modifier, ...]]
    #: The tokens with one adjective left before them, after a word that may be a verb or
    #: a noun ("supports local {G1}"): there the adjective tells the engine's tagger that
    #: the word is the verb; the target's adjective is moved after the term instead.
    left: frozenset[int]


def take_english_adjectives(text: str, tokens: frozenset[int]) -> Taken:
    """``text`` without the adjectives right before the tokens numbered ``tokens``."""
    found = pieces(text)
    words = {piece.text for piece in found if piece.kind == "word"}
    readings = analyse("en", words | {word.lower() for word in words})
    taken: dict[int, tuple[Modifier, ...]] = {}
    left: set[int] = set()

    def word_before(index: int | None) -> int | None:
        if index is None or index < 2 or found[index - 1].text != " ":
            return None
        return index - 2 if found[index - 2].kind == "word" else None

    def adjective(index: int | None) -> Reading | None:
        if index is None:
            return None
        word = found[index].text
        if word[:1].isupper():
            if not first_of_sentence(found, index):
                return None  # a capital in mid-sentence: part of a name
            word = word.lower()
        return english_adjective(word, readings.get(word, ()))

    for index in range(len(found) - 1, -1, -1):
        match = TOKEN.fullmatch(found[index].text) if found[index].kind == "token" else None
        if match is None or int(match.group(1)) not in tokens:
            continue
        modifiers: list[Modifier] = []
        start, count = index, 0
        while count < _MOST:
            at = word_before(start)
            reading = adjective(at)
            if at is None or reading is None:
                break
            group, start, conjunction = [reading], at, ""
            joined = word_before(at)
            if joined is not None and found[joined].text.lower() in _CONJUNCTIONS:
                other = word_before(joined)
                first = adjective(other) if count + 2 <= _MOST else None
                if first is not None and other is not None:
                    group, start = [first, reading], other
                    conjunction = found[joined].text.lower()
            modifiers.insert(0, Modifier(tuple(group), conjunction))
            count += len(group)
        if not modifiers or _modified(found, start, readings):
            continue
        if _keep_for_the_tagger(found, start, index, readings):
            if count == 1:
                left.add(int(match.group(1)))
            continue
        taken[int(match.group(1))] = tuple(modifiers)
        for piece in found[start:index]:
            piece.kind, piece.text = "space", ""
    return Taken("".join(piece.text for piece in found), taken, frozenset(left))


def english_adjective(word: str, readings: Iterable[Reading]) -> Reading | None:
    """The word's reading as a plain adjective (not compared), if it can be nothing but an
    adjective or a noun before a noun and every target's dictionary translates it."""
    readings = tuple(readings)
    if not readings or "-" in word or "'" in word or "’" in word:
        return None
    if any(reading.category not in ("adj", "n") for reading in readings):
        return None  # a verb, an adverb, a determiner ("open", "only", "first")
    plain = next((r for r in readings if r.tags in (("adj",), ("adj", "sint"))), None)
    if plain is None:
        return None
    if not all(transfer("en", target, [plain])[plain] for target in TARGETS):
        return None
    return plain


def _modified(found: list[Piece], start: int, readings: dict[str, tuple[Reading, ...]]) -> bool:
    """Whether the word before the adjectives bears on them: an adverb of degree (``very
    strong``), or an adjective left in the source (one too many, one the dictionaries do
    not translate, or a list: ``social, economic and cultural``)."""
    index, comma = start - 1, False
    while index >= 0 and (found[index].kind == "space" or found[index].text == ","):
        comma = comma or found[index].text == ","
        index -= 1
    if index < 0 or found[index].kind != "word":
        return False
    word = found[index].text.lower()
    analyses = readings.get(word, ()) or readings.get(found[index].text, ())
    categories = {reading.category for reading in analyses}
    if not comma and (word in _DEGREE or "preadv" in categories):
        return True
    if not comma and word.endswith("ly") and "adv" in categories:
        return True
    return "adj" in categories and categories <= {"adj", "n"}


def _keep_for_the_tagger(
    found: list[Piece], start: int, end: int, readings: dict[str, tuple[Reading, ...]]
) -> bool:
    """Whether the adjectives from ``start`` to the token at ``end`` tell the engine's
    tagger that a word next to them is a verb, not a noun: it reads a token (a word it does
    not know) as a noun or an adjective, and then "supports {G1}" as two nouns ("los
    apoyos de …"), or "the {G1} favours" as an adjective and a noun; "supports local {G1}"
    and "the new {G1} favours" it reads right."""

    def categories(at: int, space: int) -> set[str]:
        if not (0 <= at < len(found) and found[at].kind == "word" and found[space].text == " "):
            return set()
        word = found[at].text
        return {r.category for r in readings.get(word, ()) or readings.get(word.lower(), ())}

    before, after = categories(start - 2, start - 1), categories(end + 2, end + 1)
    if "n" in before and before & _VERBS:
        return True
    return before == {"det"} and "n" in after and bool(after & _VERBS)


# The target: the adjectives translated and written with the term -----------------------------


def translate(modifiers: tuple[Modifier, ...], target: str) -> tuple[Modifier, ...] | None:
    """The adjectives in ``target`` (None if the dictionaries miss one)."""
    english = [reading for modifier in modifiers for reading in modifier.readings]
    translated = transfer("en", target, english)
    result = []
    for modifier in modifiers:
        words = tuple(translated[reading] for reading in modifier.readings)
        if not all(words):
            return None
        conjunction = _CONJUNCTIONS.get(modifier.conjunction, {}).get(target, "")
        result.append(Modifier(words, conjunction))  # type: ignore[arg-type]
    return tuple(result)


def with_adjectives(
    noun: str,
    modifiers: tuple[Modifier, ...],
    *,
    gender: str,
    number: str,
    language: str,
    capitalised: bool = False,
) -> str:
    """The term ``noun`` with its adjectives, in their place and agreeing with it."""
    if capitalised:
        noun = with_capital(noun)
    if not modifiers:
        return noun
    gender = gender or "m"
    lemmas = [reading.lemma for modifier in modifiers for reading in modifier.readings]
    forms = _forms(lemmas, gender, number, language)
    before: list[str] = []
    after: list[str] = []
    for modifier in modifiers:
        lemma = modifier.readings[0].lemma
        if len(modifier.readings) == 1 and lemma in PRENOMINAL.get(language, ()):
            before.append(lemma)
            continue
        written = [forms[reading.lemma] for reading in modifier.readings]
        if len(written) == 2:
            conjunction = _conjunction(modifier.conjunction, written[1], language)
            written = [written[0], conjunction, written[1]]
        after.insert(0, " ".join(written))  # the nearest to the noun first
    text = " ".join([noun, *after])
    for lemma in reversed(before):
        text = f"{_before(lemma, forms[lemma], text, gender, number, language)} {text}"
    return text


def _forms(lemmas: list[str], gender: str, number: str, language: str) -> dict[str, str]:
    """Each adjective in this gender and number (its lemma where the dictionary has none)."""
    tried = {
        lemma: [Reading(lemma, ("adj", g, n)) for g in (gender, "mf") for n in (number, "sp")]
        for lemma in lemmas
    }
    generated = generate(language, [c for candidates in tried.values() for c in candidates])
    return {
        lemma: next((form for c in candidates if (form := generated[c])), lemma)
        for lemma, candidates in tried.items()
    }


def _before(lemma: str, form: str, following: str, gender: str, number: str, language: str) -> str:
    """An adjective's form before the noun: ``gran``, ``buen``, ``nouvel``."""
    if number != "sg":
        return form
    if language == "es":
        return _SPANISH_SHORT.get((lemma, ""), _SPANISH_SHORT.get((lemma, gender), form))
    special = FRENCH_BEFORE_VOWEL.get(lemma)
    if language == "fr" and special and gender == "m" and starts_with_vowel(following, "fr"):
        return special
    return form


def _conjunction(conjunction: str, following: str, language: str) -> str:
    """Spanish "y" is "e" before an i- sound, "o" is "u" before an o- sound."""
    lower = following.lower()
    if language == "es" and conjunction == "y" and lower.startswith(("i", "hi", "í", "hí")):
        return "e" if not lower.startswith(("hie", "hia")) else conjunction
    if language == "es" and conjunction == "o" and lower.startswith(("o", "ho", "ó", "hó")):
        return "u"
    return conjunction
