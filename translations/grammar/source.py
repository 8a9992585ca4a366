"""The source around glossary tokens, rewritten where engines would go wrong on a token.

- English noun modifiers are put after the noun: ``three {G1} laws`` (a term modifying
  "laws") becomes ``three laws of {G1}``. Spanish and French put a noun modifier after the
  noun, with "de", which the engines do for words they know but cannot do around a token.
- French "nouvelle(s)" before a term goes after it: before a word it does not know,
  Apertium's tagger takes it for the noun ("une noticia {G1}", "a news {G1}"); after the
  term it can only be the adjective (the target's adjective rules then place it).
"""

from __future__ import annotations

import re

from .morphology import analyse
from .pieces import TOKEN, Piece, first_of_sentence, pieces, with_capital

#: English words before a noun that say it is plural: after a singular term there, a word
#: that may be a plural noun or a verb ("three {G1} rules") is the noun it modifies.
_PLURAL_DETERMINERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight",
                                 "nine", "ten", "these", "those", "many", "several", "few",
                                 "some", "all", "both", "other"})  # fmt: skip


#: A French adjective that Apertium's tagger reads as a noun right before an unknown word
#: (in lower case: a capitalised one opens a sentence, with no article to tell).
_FRENCH_NOUVELLE = re.compile(
    r"(?<!\w)(?P<adjective>nouvelles?)(?P<space>\s+)(?P<token>\{\s*[Gg]\s*\d+\s*\})",
)


def prepare_source(text: str, language: str, plural: frozenset[int] = frozenset()) -> str:
    """``text`` (with its tokens) as the engine should get it. ``plural``: the numbers of
    the tokens that stand for a term written in the plural."""
    if language == "en":
        return rewrite_english_compounds(text, plural)
    if language == "fr":
        return _FRENCH_NOUVELLE.sub(_after_the_term, text)
    return text


def _after_the_term(match: re.Match) -> str:
    return f"{match.group('token')}{match.group('space')}{match.group('adjective')}"


def rewrite_english_compounds(text: str, plural: frozenset[int] = frozenset()) -> str:
    """``three {G1} laws`` → ``three laws of {G1}``: a term that modifies the noun after it.

    Only when the word after the term can be nothing but a noun (or is another term), and
    is not followed by a noun itself. ``plural``: the numbers of the tokens that stand for
    a term written in the plural.
    """
    found = pieces(text)
    words = {piece.text for piece in found if piece.kind == "word"}
    readings = analyse("en", words) if words else {}

    def kind(index: int) -> str:
        return found[index].kind if 0 <= index < len(found) else ""

    def noun(index: int, *, after_plural: bool = False) -> bool:
        if kind(index) == "token":
            return True
        analyses = readings.get(found[index].text, ()) if kind(index) == "word" else ()
        if after_plural and any(r.category == "n" and r.number == "pl" for r in analyses):
            return True
        return bool(analyses) and all(r.category == "n" for r in analyses)

    def after_plural_determiner(index: int) -> bool:
        match = TOKEN.fullmatch(found[index].text)
        if match is None or int(match.group(1)) in plural or kind(index - 1) != "space":
            return False
        return kind(index - 2) == "word" and found[index - 2].text.lower() in _PLURAL_DETERMINERS

    index = 0
    while index < len(found):
        if (
            kind(index) == "token"
            and kind(index + 1) == "space"
            and noun(index + 2, after_plural=after_plural_determiner(index))
            and not (kind(index + 3) == "space" and noun(index + 4))
        ):
            term, head = found[index], found[index + 2]
            if head.kind == "word" and first_of_sentence(found, index):
                head = Piece(head.kind, with_capital(head.text))  # it opens the sentence now
            found[index : index + 3] = [
                head,
                Piece("space", " "),
                Piece("word", "of"),
                Piece("space", " "),
                term,
            ]
            index += 5
            continue
        index += 1
    return "".join(piece.text for piece in found)
