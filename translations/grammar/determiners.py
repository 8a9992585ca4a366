"""The determiners of French, Spanish and English, by gender and number: closed lists.

An engine that meets a glossary token (an unknown word to it) writes the determiner in
front of it as it guesses: masculine, or the gender of the source language's noun.
:mod:`translations.grammar` looks the determiner up here and writes the form that
agrees with the term inserted after it, elided or contracted where the language wants it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A series: its forms for (gender, number), and before a vowel where they differ.
Forms = dict[tuple[str, str], str]


@dataclass(frozen=True)
class Series:
    forms: Forms
    #: The form of each (gender, number) before a vowel, where it is not the usual one.
    before_vowel: Forms


def _series(ms: str, fs: str, mp: str, fp: str | None = None, **before_vowel: str) -> Series:
    forms = {("m", "sg"): ms, ("f", "sg"): fs, ("m", "pl"): mp, ("f", "pl"): fp or mp}
    vowel = {
        (gender, "sg"): form
        for key, form in before_vowel.items()
        for gender in ("m", "f")
        if key in (gender, "sg")
    }
    return Series(forms, vowel)


FRENCH = {
    "le": _series("le", "la", "les", sg="l'"),
    "un": _series("un", "une", "des"),
    "du": _series("du", "de la", "des", sg="de l'"),
    "au": _series("au", "à la", "aux", sg="à l'"),
    "ce": _series("ce", "cette", "ces", m="cet"),
    "mon": _series("mon", "ma", "mes", f="mon"),
    "ton": _series("ton", "ta", "tes", f="ton"),
    "son": _series("son", "sa", "ses", f="son"),
    "notre": _series("notre", "notre", "nos"),
    "votre": _series("votre", "votre", "vos"),
    "leur": _series("leur", "leur", "leurs"),
    "quel": _series("quel", "quelle", "quels", "quelles"),
    "aucun": _series("aucun", "aucune", "aucuns", "aucunes"),
    "certain": _series("certain", "certaine", "certains", "certaines"),
}

SPANISH = {
    "el": _series("el", "la", "los", "las"),
    "un": _series("un", "una", "unos", "unas"),
    "del": _series("del", "de la", "de los", "de las"),
    "al": _series("al", "a la", "a los", "a las"),
    "este": _series("este", "esta", "estos", "estas"),
    "ese": _series("ese", "esa", "esos", "esas"),
    "aquel": _series("aquel", "aquella", "aquellos", "aquellas"),
    "nuestro": _series("nuestro", "nuestra", "nuestros", "nuestras"),
    "vuestro": _series("vuestro", "vuestra", "vuestros", "vuestras"),
    "su": _series("su", "su", "sus"),
    "mi": _series("mi", "mi", "mis"),
    "tu": _series("tu", "tu", "tus"),
    "otro": _series("otro", "otra", "otros", "otras"),
    "mucho": _series("mucho", "mucha", "muchos", "muchas"),
    "poco": _series("poco", "poca", "pocos", "pocas"),
    "alguno": _series("algún", "alguna", "algunos", "algunas"),
    "ninguno": _series("ningún", "ninguna", "ningunos", "ningunas"),
    "cuyo": _series("cuyo", "cuya", "cuyos", "cuyas"),
    "dicho": _series("dicho", "dicha", "dichos", "dichas"),
}

#: Feminine nouns that take "el" and "un" in the singular (a stressed a- or ha-).
SPANISH_STRESSED_A = frozenset(
    {"agua", "águila", "alma", "ancla", "área", "arma", "aula", "hacha", "hada", "hambre", "habla"}
)
#: The series whose masculine form these nouns take.
SPANISH_STRESSED_A_SERIES = frozenset({"el", "un", "del", "al", "alguno", "ninguno"})

#: Plural forms that say nothing of the singular's series (French "des": "un" or "du").
_AMBIGUOUS = {"fr": frozenset({"des"}), "es": frozenset()}

TABLES = {"fr": FRENCH, "es": SPANISH}


@dataclass(frozen=True)
class Determiner:
    """A determiner found before a term: its series, and the gender and number it shows."""

    series: str
    gender: str  # "m", "f", or "" when the form does not say
    number: str


def _index(table: dict[str, Series]) -> dict[str, list[Determiner]]:
    index: dict[str, list[Determiner]] = {}
    for name, series in table.items():
        for (gender, number), form in [*series.forms.items(), *series.before_vowel.items()]:
            known = index.setdefault(form, [])
            shown = Determiner(name, gender, number)
            if shown not in known:
                known.append(shown)
    # A form shared by both genders (les, notre, l') says nothing of the gender.
    return {
        form: [Determiner(d.series, _gender(found, d), d.number) for d in found]
        for form, found in index.items()
    }


def _gender(found: list[Determiner], determiner: Determiner) -> str:
    genders = {d.gender for d in found if d.series == determiner.series}
    return determiner.gender if len(genders) == 1 else ""


_INDEXES = {language: _index(table) for language, table in TABLES.items()}


def find_determiner(word: str, language: str) -> Determiner | None:
    """The determiner ``word`` is (any case, either apostrophe), or None."""
    found = _INDEXES.get(language, {}).get(word.lower().replace("’", "'"))
    if not found or word.lower() in _AMBIGUOUS.get(language, ()):
        return None
    return found[0]


def form_of(determiner: Determiner, language: str, *, gender: str, number: str, vowel: bool) -> str:
    """The determiner's form for a noun of this gender and number (``vowel``: it starts
    with a vowel sound). ``gender`` empty: the gender the determiner already shows."""
    series = TABLES[language][determiner.series]
    gender = gender or determiner.gender or "m"
    if vowel and (gender, number) in series.before_vowel:
        return series.before_vowel[gender, number]
    return series.forms[gender, number]


def english_article(word: str, next_word: str) -> str | None:
    """``a`` or ``an`` (in the case of ``word``) as ``next_word`` begins; None: not one."""
    if word.lower() not in ("a", "an"):
        return None
    lower = next_word.lower()
    vowel = lower[:1] in tuple("aeiou")
    if lower.startswith(("uni", "use", "usu", "uti", "eu", "one", "once")):
        vowel = False
    if lower.startswith(("hour", "honest", "honor", "honour", "heir")):
        vowel = True
    article = "an" if vowel else "a"
    return article.capitalize() if word[:1].isupper() else article
