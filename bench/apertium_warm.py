"""One-shot vs warm Apertium, the way the pipeline calls it: one post (a few segments) a call.

    .venv/bin/python bench/apertium_warm.py [--posts 40] [--source es --target en]

Both engines translate the same posts, one translate_batch call per post, and the script
prints segments/s for each side by side (and checks that they agree).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translations.engines.apertium import ApertiumEngine

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Gracias por compartir la experiencia de su cooperativa en Oaxaca.",
    "En Quebec, la ley de economía social reconoce a las empresas colectivas.",
    "Me pregunto cómo se financian los proyectos cuando el Estado se retira.",
    "La señora Núñez explicó que la asociación creció un 40 % el año pasado.",
    "¿Alguien conoce un ejemplo de {1}compras públicas responsables{2} en Chile?",
    "Nuestra red de mujeres artesanas vende *directamente* en los mercados locales.",
    "El informe de la semana pasada deja abiertas varias preguntas importantes.",
    "Creo que el acceso al crédito sigue siendo el principal obstáculo.",
]


def posts(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [f"{rng.choice(SENTENCES)} (mensaje {n}, párrafo {p})" for p in range(rng.randint(2, 6))]
        for n in range(count)
    ]


def measure(engine: ApertiumEngine, corpus: list[list[str]], source: str, target: str):
    started = time.perf_counter()
    results = [engine.translate_batch(segments, source, target) for segments in corpus]
    return time.perf_counter() - started, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=40)
    parser.add_argument("--source", default="es")
    parser.add_argument("--target", default="en")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    from translations.engines.apertium import ApertiumEngine

    pair = args.source, args.target
    corpus = posts(args.posts)
    segments = sum(len(p) for p in corpus)

    warm = ApertiumEngine()
    warm.translate_batch(["Hola"], args.source, args.target)  # start-up, counted apart below
    one_shot_seconds, one_shot = measure(ApertiumEngine(warm=False), corpus, *pair)
    warm_seconds, warmed = measure(warm, corpus, *pair)
    warm.close()
    cold = ApertiumEngine()
    started = time.perf_counter()
    cold.translate_batch(corpus[0], args.source, args.target)
    first_call = time.perf_counter() - started
    cold.close()

    print(f"{args.posts} posts, {segments} segments, {args.source}→{args.target}, one call a post")
    print(f"{'':12}{'segments/s':>12}{'ms/call':>10}")
    for label, seconds in (("one-shot", one_shot_seconds), ("warm", warm_seconds)):
        print(f"{label:12}{segments / seconds:12.1f}{seconds / args.posts * 1000:10.1f}")
    print(f"speed-up: {one_shot_seconds / warm_seconds:.1f}x")
    print(f"first warm call (starts the processes): {first_call * 1000:.0f} ms")
    print(f"same translations: {warmed == one_shot}")


if __name__ == "__main__":
    main()
