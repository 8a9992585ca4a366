"""Usernames people can tell apart: `organizеr` with a Cyrillic е must not pass for the
organizer. A new username is normalised (NFKC: fullwidth and other compatibility forms
become plain letters), written in one script, and refused when it looks like a taken one.

"Looks like" is Unicode's (UTS #39) skeleton comparison: each character is replaced by a
prototype of the characters it can be mistaken for (Cyrillic а and Latin a; l, I and 1;
m and rn), and two names with the same skeleton are confusable. The table of lookalikes
and the scripts of characters come from confusable_homoglyphs, which ships Unicode's
confusables.txt and Scripts.txt as data (no network).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from confusable_homoglyphs import confusables

# The data wraps right-to-left characters in left-to-right marks for display.
LRM = "\u200e"


def normalise(username: str) -> str:
    return unicodedata.normalize("NFKC", username)


def is_mixed_script(username: str) -> bool:
    """Letters of more than one script (digits and `.@+-_`, common to all, don't count)."""
    return bool(confusables.is_mixed_script(username, allowed_aliases=["COMMON"]))


@functools.cache
def prototypes() -> dict[str, str]:
    """Each character that has lookalikes, to the prototype of its class.

    The data lists lookalikes both ways; a class is every character reachable through
    them, and its prototype is its lowest code point (the ASCII one, when it has one). A
    character that looks like a sequence (m: rn) becomes the sequence, as in UTS #39,
    where only single characters are ever replaced."""
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.setdefault(char, char) != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    sequences: dict[str, str] = {}
    for key, lookalikes in confusables.confusables_data.items():
        char = key.replace(LRM, "")
        if len(char) != 1:
            continue
        for lookalike in (entry["c"].replace(LRM, "") for entry in lookalikes):
            if len(lookalike) == 1:
                parent[root(lookalike)] = root(char)
            elif lookalike and (char not in sequences or lookalike < sequences[char]):
                sequences[char] = lookalike
    classes: dict[str, list[str]] = {}
    for char in list(parent):
        classes.setdefault(root(char), []).append(char)
    table = {char: min(members) for members in classes.values() for char in members}
    table.update(sequences)
    return table


def skeleton(text: str) -> str:
    """UTS #39's skeleton: NFD, each character to its prototype, NFD again (repeated until
    nothing changes, since a prototype may itself be a sequence with lookalikes)."""
    table = prototypes()
    current = unicodedata.normalize("NFD", text)
    for _round in range(4):
        mapped = unicodedata.normalize("NFD", "".join(table.get(c, c) for c in current))
        if mapped == current:
            break
        current = mapped
    return current


def skeletons(username: str) -> set[str]:
    """What a username is compared by: its skeleton as written (`pauI` and `paul` share
    one: capital I and small l are lookalikes) and with case set aside (`Organizer`)."""
    return {skeleton(username).casefold(), skeleton(username.casefold()).casefold()}


def looks_like_one_of(username: str, taken: Iterable[str]) -> bool:
    mine = skeletons(normalise(username))
    return any(mine & skeletons(normalise(other)) for other in taken)
