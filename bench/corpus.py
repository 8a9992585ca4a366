"""A deterministic corpus of forum-like Spanish posts written in Markdown.

Sentences are assembled from parts (subject, verb phrase, object, place, detail), so few
of them repeat and the translation memory is not trivially hit; greetings and signatures
repeat as they do in a real forum. :func:`repeat_share` says how much repeats.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

SUBJECTS = [
    "nuestra cooperativa",
    "la red de mujeres artesanas",
    "el gobierno provincial",
    "la asociación de productores",
    "el municipio",
    "una mutual de salud",
    "el banco comunitario",
    "la federación de cooperativas",
    "un grupo de jóvenes",
    "la universidad pública",
    "el ministerio de trabajo",
    "una empresa recuperada",
]
VERBS = [
    "financia",
    "organiza",
    "apoya",
    "evalúa",
    "propone",
    "defiende",
    "critica",
    "documenta",
    "coordina",
    "vende",
    "compra",
    "acompaña",
]
OBJECTS = [
    "los proyectos de vivienda",
    "las ferias locales",
    "el acceso al crédito",
    "la formación de líderes",
    "las compras públicas",
    "los servicios de cuidado",
    "la producción de alimentos",
    "el comercio justo",
    "las cadenas cortas de distribución",
    "la ley de economía social",
    "los fondos rotatorios",
    "la gestión del agua",
]
PLACES = [
    "en Oaxaca",
    "en Quebec",
    "en Montreal",
    "en el sur de Chile",
    "en Medellín",
    "en Rosario",
    "en Cuzco",
    "en la costa de Ecuador",
    "en Toronto",
    "en Bogotá",
]
DETAILS = [
    "desde hace cinco años",
    "con muy pocos recursos",
    "a pesar de la crisis",
    "gracias a una alianza con el Estado",
    "sin apoyo de los bancos",
    "con resultados sorprendentes",
    "en condiciones difíciles",
    "junto con otras organizaciones",
]
OPENERS = [
    "Hola a todos,",
    "Buenos días, colegas.",
    "Gracias por la lectura de esta semana.",
    "Muy interesante la discusión.",
    "Hola, ¿cómo están?",
]
SIGNATURES = [
    "Saludos,\nAna",
    "Un abrazo,\nCarlos",
    "Atentamente,\nMaría José",
    "Saludos cordiales",
]
MENTIONS = ["@ana_lopez", "@carlos", "@mjose", "@pierre", "@lucia"]
LINKS = [
    "https://ejemplo.org/informe-2024",
    "https://economiasolidaria.example/ley",
    "https://redes.example/mapa",
]
CODE = ["pandas", "ODS 8", "art. 14", "CSV", "SQL"]


@dataclass(frozen=True)
class Post:
    subject: str
    content: str


def sentence(rng: random.Random) -> str:
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(PLACES)} {rng.choice(DETAILS)}"
    )
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?"])


def emphasise(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    if len(words) > 4:
        start = rng.randrange(1, len(words) - 2)
        mark = rng.choice(["*", "**"])
        words[start] = f"{mark}{words[start]}"
        words[start + 1] = f"{words[start + 1]}{mark}"
    return " ".join(words)


def paragraph(rng: random.Random) -> str:
    sentences = [sentence(rng) for _ in range(rng.randint(1, 3))]
    kind = rng.random()
    if kind < 0.25:
        sentences[0] = emphasise(rng, sentences[0])
    elif kind < 0.4:
        sentences.append(f"Ver el [informe completo]({rng.choice(LINKS)}).")
    elif kind < 0.5:
        sentences.append(f"Los datos están en `{rng.choice(CODE)}`.")
    elif kind < 0.6:
        sentences.insert(0, f"Como dijo {rng.choice(MENTIONS)},")
    return " ".join(sentences)


def post(rng: random.Random) -> Post:
    blocks = []
    if rng.random() < 0.6:
        blocks.append(rng.choice(OPENERS))
    for _ in range(rng.randint(1, 3)):
        blocks.append(paragraph(rng))
    extra = rng.random()
    if extra < 0.25:
        blocks.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))))
    elif extra < 0.4:
        blocks.append(f"> {sentence(rng)}")
    if rng.random() < 0.5:
        blocks.append(rng.choice(SIGNATURES))
    subject = f"Re: {rng.choice(OBJECTS)} {rng.choice(PLACES)}"
    return Post(subject=subject, content="\n\n".join(blocks))


def corpus(count: int, *, seed: int = 2024) -> list[Post]:
    rng = random.Random(seed)
    return [post(rng) for _ in range(count)]


def repeat_share(segments: list[str]) -> float:
    """The share of segments that are copies of an earlier one (a memory hit at best)."""
    counts = Counter(segments)
    return sum(n - 1 for n in counts.values()) / len(segments) if segments else 0.0
