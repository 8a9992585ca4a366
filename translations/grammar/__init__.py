"""The grammar around glossary terms: the words next to an inserted term agree with it.

The engine translates a segment whose glossary terms are tokens (``{G1}``), words it does
not know; it guesses the gender of what it writes around them (masculine, or the source
noun's) and cannot move them as it moves nouns. After the term is put back, a few rules,
each about the words right before or after it, set them right:

- a determiner before the term (or before an adjective before it) takes the term's gender
  and number: ``una publicación``, ``le réseau``, ``las redes``; French elides and
  contracts (``l'économie``, ``de l'``, ``du``, ``au``, ``à l'``, ``cet``, ``son``,
  ``d'``), Spanish contracts (``del``, ``al``) and writes ``el`` before a stressed a-;
  English writes ``a`` or ``an``;
- an adjective or participle right after the term (and one joined to it by "and"), one
  between the determiner and the term, and one after "is" when the term opens the sentence
  (``la red es nueva``) take its gender and number, through Apertium's own dictionaries
  (:mod:`.morphology`); in English, an adjective the engine left after the term
  goes before it (``the new network``);
- a term that opens a sentence is capitalised, and the word after it is not;
- before the engine, the source is rewritten where a token would mislead it
  (:mod:`.source`): in English, a term used as a noun modifier (``three social economy
  laws``) becomes ``three laws of social economy``, which every language can follow;
- English adjectives right before a term leave the source with it and come back in
  Spanish and French after it, agreeing (``políticas públicas``), or before it for the
  few that stand first there (``nueva política``, ``nouvel espace``) (:mod:`.adjectives`).

A term's plural, when the organizers did not write it, is the regular one
(:func:`regular_plural`).
"""

from __future__ import annotations

from .adjectives import TARGETS as ADJECTIVE_TARGETS
from .adjectives import Modifier, take_english_adjectives
from .adjectives import translate as translate_adjectives
from .agreement import Inserted, agree
from .pieces import TOKEN, starts_sentence
from .plurals import regular_plural
from .source import prepare_source

__all__ = [
    "ADJECTIVE_TARGETS",
    "TOKEN",
    "Inserted",
    "Modifier",
    "take_english_adjectives",
    "translate_adjectives",
    "agree",
    "regular_plural",
    "prepare_source",
    "starts_sentence",
]
