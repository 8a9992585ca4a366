"""Translation fidelity: the project's path against the raw engine, on a real parallel corpus.

    .venv/bin/python bench/translation_fidelity.py [--limit N] [--show N] [--engine apertium]

The corpus (bench/fidelity_corpus.py) is the es/fr/en message catalogs shipped inside the
installed dependencies, aligned through their English msgid, plus Markdown posts written
for this benchmark in the three languages. For each of the six directions it prints the
number of items; chrF against the reference translation of the project's path
(``translations.translate.translate_texts``) and of the raw engine
(``engine.translate_batch``) on the same items; the share of items fully translated (no
prose left as the source); and the share whose code spans, links, placeholders and other
markup come back intact (bench/fidelity_measures.py says exactly what counts). Then the
glossary's agreement rate on sentences written for it (bench/fidelity_glossary.py).

Runs inside Django on a throwaway SQLite database (as bench/translation_pipeline.py), so
the translation memory is real and starts empty for each measured path.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from importlib import metadata
from typing import TYPE_CHECKING

from fidelity_corpus import DIRECTIONS, corpus
from translation_pipeline import throwaway_database

if TYPE_CHECKING:
    from fidelity_measures import Direction, PathRun

    from translations.engines import Engine

ARROW = "→"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="catalog items per direction (default: all)")
    parser.add_argument("--show", type=int, default=0, help="print N failures per direction")
    parser.add_argument("--engine", default="apertium")
    args = parser.parse_args()
    started = time.perf_counter()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} at the start")
    with throwaway_database() as note:
        print(f"database: {note}")
        report(limit=args.limit, show=args.show, engine_name=args.engine)
    print(f"total {time.perf_counter() - started:.1f}s")


def report(*, limit: int | None, show: int, engine_name: str) -> None:
    from fidelity_measures import measure_direction

    from translations.engines import get_engine

    def new_engine() -> Engine:
        return get_engine(engine_name)

    items = corpus(limit)
    markdown = [i for i, item in enumerate(items) if item.origin == "markdown"]
    catalogs = sorted({item.origin.split("/")[0] for item in items if item.origin != "markdown"})
    versions = ", ".join(f"{p} {version(p)}" for p in catalogs)
    print(
        f"corpus: {len(items) - len(markdown)} catalog entries ({versions}; "
        f"{sum(item.kind == 'html' for item in items)} with HTML) "
        f"and {len(markdown)} Markdown posts, in es, fr and en"
    )
    print(f"engine: {engine_name}; chrF: sacrebleu {metadata.version('sacrebleu')} (chrF2)")
    print()
    print(
        f"{'':11}{'items':>6}  {'chrF project':>12} {'raw':>5}  "
        f"{'translated project':>18} {'raw':>6}  {'intact project':>14} {'raw':>6}"
    )
    directions: list[Direction] = []
    for source, target in DIRECTIONS:
        direction = measure_direction(items, source, target, new_engine)
        directions.append(direction)
        print(row(f"{source}{ARROW}{target}", direction, None))
        print(row("  Markdown", direction, markdown))
    print()
    print(
        "seconds per direction (project / raw): "
        + ", ".join(
            f"{d.source}{ARROW}{d.target} {d.project.seconds:.1f}/{d.raw.seconds:.1f}"
            for d in directions
        )
    )
    if show:
        for direction in directions:
            failures(direction, show)
    print()
    glossary(new_engine, show=show)


def glossary(new_engine: Callable[[], Engine], *, show: int) -> None:
    from fidelity_glossary import SENTENCES, agreement, glossary_terms

    _terms, missing = glossary_terms()
    if missing:
        print(f"glossary terms built without {', '.join(missing)} (no such fields on GlossaryTerm)")
    print(
        f"glossary agreement on {len(SENTENCES)} sentences × 2 targets "
        f"(share with every expected pattern; target ≥ 95 %):"
    )
    for grammar, label in ((False, "terms only"), (True, "with gender and plural")):
        results = agreement(new_engine, grammar=grammar)
        checks = [check for direction in results.values() for check in direction]
        agreed = sum(check.agreed for check in checks)
        verbs = [check.verb for check in checks if check.verb is not None]
        by_direction = ", ".join(
            f"{s}{ARROW}{t} {sum(check.agreed for check in direction)}/{len(direction)}"
            for (s, t), direction in results.items()
        )
        print(f"  {label:23} {agreed / len(checks):6.1%}  ({agreed}/{len(checks)}; {by_direction})")
        print(
            f"  {'':23} {sum(verbs) / len(verbs):6.1%}  ({sum(verbs)}/{len(verbs)} "
            "verbs of a subject term agree too)"
        )
        if show and grammar:
            for (source, target), direction in results.items():
                for check in direction:
                    if not check.agreed or check.verb is False:
                        what = "article/adjective" if not check.agreed else "verb"
                        print(f"    ✗ {what} {source}{ARROW}{target}: {check.output}")


def row(label: str, direction: Direction, subset: list[int] | None) -> str:
    indices = list(range(len(direction.items))) if subset is None else subset

    def share(path: PathRun, check: str) -> str:
        if check == "intact":
            good = sum(direction.intact(path, i) for i in indices)
        else:
            good = sum(not direction.untranslated(path, i) for i in indices)
        return f"{good / len(indices):.1%}"

    project, raw = direction.project, direction.raw
    return (
        f"{label:11}{len(indices):>6}  {direction.chrf(project, subset):>12.1f} "
        f"{direction.chrf(raw, subset):>5.1f}  {share(project, 'translated'):>18} "
        f"{share(raw, 'translated'):>6}  {share(project, 'intact'):>14} {share(raw, 'intact'):>6}"
    )


def failures(direction: Direction, count: int) -> None:
    print(f"\n{direction.source}{ARROW}{direction.target}, the project's path:")
    shown = 0
    for index, item in enumerate(direction.items):
        left = direction.untranslated(direction.project, index)
        broken = not direction.intact(direction.project, index)
        if (left or broken) and shown < count:
            shown += 1
            what = ("markup changed" if broken else "") + (f" left: {left}" if left else "")
            print(f"  [{what.strip()}] {item.texts[direction.source]!r}")
            print(f"     → {direction.project.outputs[index]!r}")


def version(package: str) -> str:
    names = {"allauth": "django-allauth", "machina": "django-machina", "mptt": "django-mptt"}
    names |= {"django_filters": "django-filter", "taggit": "django-taggit"}
    try:
        return metadata.version(names.get(package, package))
    except metadata.PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    main()
