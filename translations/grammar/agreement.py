"""The words next to an inserted glossary term, made to agree with it (see the package)."""

from __future__ import annotations

from dataclasses import dataclass

from .adjectives import (
    FRENCH_BEFORE_VOWEL,
    PRENOMINAL,
    Modifier,
    starts_with_vowel,
    with_adjectives,
)
from .determiners import (
    SPANISH_STRESSED_A,
    SPANISH_STRESSED_A_SERIES,
    english_article,
    find_determiner,
    form_of,
)
from .morphology import Reading, analyse, generate
from .pieces import TOKEN, case_like, first_of_sentence, pieces, with_capital

_FRENCH_ELISIONS = {"de": "d'", "que": "qu'", "jusque": "jusqu'", "lorsque": "lorsqu'"}
_PREPOSITIONS = {
    "es": frozenset({"de", "a", "en", "con", "sin", "para", "por", "sobre", "entre", "hacia"}),
    "fr": frozenset({"de", "d'", "à", "en", "avec", "sans", "pour", "par", "sur", "entre"}),
}
_CONJUNCTIONS = frozenset({"y", "e", "o", "u", "et", "ou"})
_COPULAS = frozenset({"ser", "estar", "parecer", "resultar", "quedar", "seguir", "être",
                      "sembler", "paraître", "devenir", "rester", "demeurer"})  # fmt: skip
_AUXILIARIES = frozenset({"haber", "avoir"})
_ADVERBS = frozenset({"muy", "más", "menos", "tan", "bastante", "demasiado", "poco", "ya",
                      "todavía", "aún", "también", "no", "siempre", "très", "plus", "moins",
                      "si", "trop", "assez", "peu", "déjà", "encore", "aussi", "ne", "pas",
                      "toujours", "bien", "vraiment", "realmente"})  # fmt: skip
_FINITE = frozenset({"pri", "pii", "ifi", "fti", "cni", "prs", "pis", "imp", "pres", "past"})
_VERBS = frozenset({"vblex", "vbser", "vbhaver", "vbmod", "vaux"})


@dataclass(frozen=True)
class Inserted:
    """One term to put back: its text in the target language and its grammar there."""

    text: str
    gender: str = ""  # "m", "f", or "" (unknown, or a language without genders)
    plural: bool = False
    #: The author capitalised it in mid-sentence (a name): it stays capitalised.
    capitalised: bool = False
    #: A name kept as written: only elision and "a"/"an" before it change.
    name: bool = False
    #: Adjectives the source had right before it, in this language (:mod:`.adjectives`).
    adjectives: tuple[Modifier, ...] = ()
    #: The source had an adjective right before it that the engine translated in place:
    #: unless it is one that stands first, it goes after the term.
    adjective_after: bool = False

    def phrase(self, language: str) -> str:
        """The term with its adjectives, agreeing with it."""
        return with_adjectives(
            self.text,
            self.adjectives,
            gender=self.gender,
            number="pl" if self.plural else "sg",
            language=language,
            capitalised=self.capitalised and bool(self.adjectives),
        )


class _Segment:
    """A translated segment in pieces, with the term (by token number) at each token."""

    def __init__(self, text: str, inserted: dict[int, Inserted], language: str) -> None:
        self.pieces = pieces(text)
        self.language = language
        self.terms: dict[int, Inserted] = {}  # piece index → term
        for index, piece in enumerate(self.pieces):
            if piece.kind == "token":
                match = TOKEN.fullmatch(piece.text)
                term = inserted.get(int(match.group(1))) if match else None
                if term is not None:
                    self.terms[index] = term
                    piece.text = term.phrase(language)
                    piece.kind = "term"

    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def before(self, index: int) -> int | None:
        """The word or term right before piece ``index`` (spaces between), or None."""
        index -= 1
        while index >= 0 and self.pieces[index].kind == "space":
            index -= 1
        return index if index >= 0 and self.pieces[index].kind in ("word", "term") else None

    def after(self, index: int) -> int | None:
        index += 1
        while index < len(self.pieces) and self.pieces[index].kind == "space":
            index += 1
        if index < len(self.pieces) and self.pieces[index].kind in ("word", "term"):
            return index
        return None

    def starts_sentence(self, index: int) -> bool:
        return first_of_sentence(self.pieces, index)

    def word(self, index: int | None) -> str:
        return self.pieces[index].text if index is not None else ""

    def blank(self, start: int, end: int) -> None:
        """Empty the pieces from ``start`` to ``end`` (excluded), keeping every index."""
        for piece in self.pieces[start:end]:
            piece.kind, piece.text = "space", ""


def agree(text: str, inserted: dict[int, Inserted], language: str) -> str:
    """``text`` with each token ``{Gn}`` replaced by ``inserted[n]`` and its neighbours
    made to agree with it (``language``: the language of ``text``)."""
    segment = _Segment(text, inserted, language)
    if not segment.terms:
        return text
    words = [piece.text for piece in segment.pieces if piece.kind == "word"]
    readings = analyse(language, words) if words else {}
    rules = _Rules(segment, readings)
    for index in sorted(segment.terms, reverse=True):
        rules.apply(index, segment.terms[index])
    return segment.text()


class _Rules:
    def __init__(self, segment: _Segment, readings: dict[str, tuple[Reading, ...]]) -> None:
        self.segment = segment
        self.language = segment.language
        self.readings = readings

    # What a word is ------------------------------------------------------------------

    def of(self, index: int | None) -> tuple[Reading, ...]:
        if index is None or self.segment.pieces[index].kind != "word":
            return ()
        return self.readings.get(self.segment.pieces[index].text, ())

    def adjective(
        self, index: int | None, *, predicate: bool = False, participle: bool = True
    ) -> Reading | None:
        """The word's reading as an adjective or (``participle``) a participle, if it is one
        there.

        A word that can also be a verb ("activa", "ferme") is taken for an adjective after
        "is" (``predicate``), or when no word follows it that a verb would take.
        """
        readings = self.of(index)
        verb = any(r.category in _VERBS and _FINITE & set(r.tags) for r in readings)
        if verb and not predicate and index is not None:
            following = self.segment.after(index)
            linking = _CONJUNCTIONS | _PREPOSITIONS.get(self.language, frozenset())
            if following is not None and self.segment.word(following).lower() not in linking:
                return None
        return next(
            (
                r
                for r in readings
                if r.category == "adj" or (participle and r.category in _VERBS and "pp" in r.tags)
            ),
            None,
        )

    def lemma_in(self, index: int | None, lemmas: frozenset[str]) -> bool:
        return any(r.lemma in lemmas for r in self.of(index))

    # The rules ---------------------------------------------------------------------

    def apply(self, index: int, term: Inserted) -> None:
        segment = self.segment
        number = "pl" if term.plural else "sg"
        gender = "" if term.name else term.gender
        first = index  # the first word of the term's phrase after the determiner
        if self.language == "en":
            first, index = self.english_adjective_before(index)
            article = segment.before(first)
            written = english_article(segment.word(article), segment.word(first))
            if article is not None and written is not None:
                segment.pieces[article].text = written
        else:
            if not term.name:
                first = index = self.adjective_to_after(index, term, gender, number)
                self.adjectives_after(index, gender, number)
            self.french_spanish_before(index, term, gender, number)
        self.capitals(first, index, term)

    def adjective_to_after(self, index: int, term: Inserted, gender: str, number: str) -> int:
        """``apoya locales redes`` → ``apoya redes locales``: an English adjective the engine
        left before the term goes after it (agreeing), unless it is one that stands first or
        an adverb bears on it. Returns where the term is now."""
        segment = self.segment
        before = segment.before(index)
        if not term.adjective_after or before is None:
            return index
        reading = self.adjective(before, participle=False)
        ahead = segment.before(before)
        if (
            reading is None
            or reading.lemma in PRENOMINAL.get(self.language, ())
            or (ahead is not None and segment.word(ahead).lower() in _ADVERBS)
        ):
            return index
        self.inflect(before, gender, number)
        pieces = segment.pieces
        pieces[before], pieces[index] = pieces[index], pieces[before]
        segment.terms[before] = segment.terms.pop(index)
        return before

    def adjectives_after(self, index: int, gender: str, number: str) -> None:
        segment = self.segment
        before = segment.before(index)
        bare = before is not None and segment.word(before).lower() in _PREPOSITIONS.get(
            self.language, ()
        )
        if bare:
            return  # "leyes de economía social nuevas": the adjective is the head noun's
        last = index
        after = segment.after(index)
        if after is not None and self.inflect(after, gender, number):
            last = after
            joined = segment.after(after)
            if joined is not None and segment.word(joined).lower() in _CONJUNCTIONS:
                second = segment.after(joined)
                if second is not None and self.inflect(second, gender, number):
                    last = second
        if self.opens_clause(index):
            self.predicate(last, gender, number)

    def opens_clause(self, index: int) -> bool:
        before = self.segment.before(index)
        if before is None:
            return self.segment.starts_sentence(index)
        if find_determiner(self.segment.word(before), self.language) is None:
            return False
        return self.segment.starts_sentence(before)

    def predicate(self, last: int, gender: str, number: str) -> None:
        """``La red es nueva``: a form of "be" (and adverbs) then an adjective, after the
        term's phrase (which ends at piece ``last``)."""
        current, copula = self.segment.after(last), False
        for _step in range(4):
            if current is None:
                return
            if self.lemma_in(current, _COPULAS):
                copula = True
            elif not (
                self.lemma_in(current, _AUXILIARIES)
                or self.segment.word(current).lower() in _ADVERBS
            ):
                break
            current = self.segment.after(current)
        if copula:
            self.inflect(current, gender, number, predicate=True)

    def inflect(
        self, index: int | None, gender: str, number: str, *, predicate: bool = False
    ) -> bool:
        """Give the adjective at ``index`` this gender and number; False: not one."""
        reading = self.adjective(index, predicate=predicate)
        if reading is None or index is None:
            return False
        wanted = reading.inflected(gender=gender or None, number=number)
        if wanted != reading:
            written = generate(self.language, [wanted])[wanted]
            if written:
                piece = self.segment.pieces[index]
                piece.text = case_like(piece.text, written)
                self.readings.setdefault(piece.text, (wanted,))
        return True

    def french_spanish_before(self, index: int, term: Inserted, gender: str, number: str) -> None:
        segment = self.segment
        before = segment.before(index)
        next_word = index
        determiner_at = before
        if before is not None and find_determiner(segment.word(before), self.language) is None:
            if self.adjective(before, participle=False) is not None and not term.name:
                self.inflect(before, gender, number)
                self.french_before_vowel(before, index, gender, number)
                next_word = before
                determiner_at = segment.before(before)
            else:
                if self.language == "fr":
                    self.elide(before, index)
                return
        if determiner_at is not None:
            self.determiner(determiner_at, next_word, term, gender, number)

    def french_before_vowel(self, at: int, index: int, gender: str, number: str) -> None:
        piece = self.segment.pieces[at]
        special = FRENCH_BEFORE_VOWEL.get(piece.text.lower())
        if (
            self.language == "fr"
            and special
            and (gender, number) == ("m", "sg")
            and starts_with_vowel(self.segment.pieces[index].text, "fr")
        ):
            piece.text = case_like(piece.text, special)

    def elide(self, at: int, index: int) -> None:
        """French "de", "que" before the term: ``d'économie``, ``de réseaux``."""
        segment, piece = self.segment, self.segment.pieces[at]
        lower = piece.text.lower().replace("’", "'")
        vowel = starts_with_vowel(segment.pieces[index].text, "fr")
        full = {elided: word for word, elided in _FRENCH_ELISIONS.items()}
        if vowel and lower in _FRENCH_ELISIONS:
            piece.text = case_like(piece.text, _FRENCH_ELISIONS[lower])
            segment.blank(at + 1, index)
        elif not vowel and lower in full:
            piece.text = case_like(piece.text, full[lower])
            if not segment.pieces[at + 1].text.strip():
                segment.blank(at + 1, index)
            piece.text += " "

    def determiner(self, at: int, next_word: int, term: Inserted, gender: str, number: str) -> None:
        segment, language = self.segment, self.language
        piece = segment.pieces[at]
        found = find_determiner(piece.text, language)
        if found is None:
            if language == "fr":
                self.elide(at, next_word)
            return
        if term.name and found.number != number:
            number = found.number  # a name says nothing of the number: keep the engine's
        following = segment.pieces[next_word].text
        written = form_of(
            found,
            language,
            gender=gender,
            number=number,
            vowel=language == "fr" and starts_with_vowel(following, language),
        )
        if (
            language == "es"
            and gender == "f"
            and number == "sg"
            and next_word in segment.terms
            and following.split(" ")[0].lower() in SPANISH_STRESSED_A
            and found.series in SPANISH_STRESSED_A_SERIES
        ):
            written = form_of(found, language, gender="m", number="sg", vowel=False)
        if language == "fr" and written == "des" and self.adjective_first(next_word, term):
            # "de nouvelles politiques", "d'autres réseaux": not "des" before an adjective.
            written = "d'" if starts_with_vowel(following, language) else "de"
        written = case_like(piece.text, self.contract(at, written))
        if written.endswith("'"):
            segment.blank(at + 1, next_word)  # l'économie: no space after
        elif not any(p.text for p in segment.pieces[at + 1 : next_word]):
            written += " "  # the engine had elided it
        piece.text = written

    def adjective_first(self, next_word: int, term: Inserted) -> bool:
        """Whether the term's phrase starts with an adjective (the engine's or its own)."""
        if next_word not in self.segment.terms:
            return True
        return not self.segment.pieces[next_word].text.lower().startswith(term.text.lower())

    def contract(self, at: int, written: str) -> str:
        """``de le`` → ``du``, ``à les`` → ``aux``, ``de el`` → ``del``: one word."""
        segment = self.segment
        preposition = segment.before(at)
        if preposition is None or segment.pieces[preposition].kind != "word":
            return written
        pair = (segment.word(preposition).lower(), written.lower())
        contracted = {
            ("de", "le"): "du",
            ("de", "les"): "des",
            ("à", "le"): "au",
            ("à", "les"): "aux",
            ("de", "el"): "del",
            ("a", "el"): "al",
            ("de", "de"): "de",
            ("de", "d'"): "d'",
        }.get(pair)
        if contracted is None:
            return written
        model = segment.pieces[preposition].text
        segment.blank(preposition, at)  # the preposition and the space after it
        return case_like(model, contracted)

    def english_adjective_before(self, index: int) -> tuple[int, int]:
        """``the network new`` → ``the new network``. Returns where the phrase now starts
        (the adjective, or the term) and where the term now is."""
        segment = self.segment
        after = segment.after(index)
        readings = self.of(after)
        if (
            after is None
            or not readings
            or not all(r.category in ("adj", "n") for r in readings)
            or not any(r.category == "adj" for r in readings)
        ):
            return index, index
        pieces = segment.pieces
        pieces[index], pieces[after] = pieces[after], pieces[index]
        segment.terms[after] = segment.terms.pop(index)
        return index, after

    def capitals(self, first: int, index: int, term: Inserted) -> None:
        """A phrase that opens a sentence starts with a capital, and only its first word."""
        segment = self.segment
        at_start = segment.before(first) is None and segment.starts_sentence(first)
        piece = segment.pieces[index]
        if (at_start and first == index) or (term.capitalised and not term.adjectives):
            piece.text = with_capital(piece.text)
        if at_start and first != index:
            opening = segment.pieces[first]
            opening.text = with_capital(opening.text)
        after = segment.after(index)
        if at_start and after is not None and segment.pieces[after].kind == "word":
            word = segment.pieces[after].text
            readings = self.of(after)
            if (
                word[:1].isupper()
                and (word[1:].islower() or (len(word) == 1 and word != "I"))
                and readings
                and not any(r.category == "np" for r in readings)
            ):
                segment.pieces[after].text = word[:1].lower() + word[1:]
