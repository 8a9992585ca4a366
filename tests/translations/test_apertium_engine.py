"""ApertiumEngine against the real apertium executable and its installed pairs.

Behaviour tests run on both paths (warm processes, and one process per batch); tests
that watch the ``apertium`` executable through a logging wrapper are about the one-shot
path, since the warm path runs the mode's programs itself (see test_apertium_warm.py).
"""

from __future__ import annotations

import re
import stat
import time

import pytest

from translations.engines.apertium import ApertiumEngine
from translations.errors import PermanentTranslationError, TransientTranslationError


@pytest.fixture(params=[True, False], ids=["warm", "one-shot"])
def engine(request, apertium_executable):
    engine = ApertiumEngine(executable=apertium_executable, warm=request.param)
    yield engine
    engine.close()


def wrapper_script(tmp_path, apertium_executable, body: str) -> str:
    """A real executable that logs its calls, then does ``body`` (usually runs apertium)."""
    script = tmp_path / "apertium-wrapper"
    log = tmp_path / "calls.log"
    script.write_text(
        f'#!/bin/sh\necho "$*" >> {log}\n'
        f'if [ "$1" = "-l" ]; then exec {apertium_executable} -l; fi\n{body}\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def translation_calls(tmp_path) -> list[str]:
    return [line for line in (tmp_path / "calls.log").read_text().splitlines() if line != "-l"]


@pytest.mark.parametrize(
    ("source", "target", "text", "expected"),
    [
        ("es", "en", "El perro negro come la manzana.", "The black dog eats the apple."),
        ("en", "es", "The black dog eats the apple.", "El perro negro come la manzana."),
        ("fr", "es", "Le chien noir mange la pomme.", "El perro negro come la manzana."),
        ("es", "fr", "El perro negro come la manzana.", "Le chien noir mange la pomme."),
    ],
)
def test_direct_pairs_translate(engine, source, target, text, expected):
    assert engine.translate_batch([text], source, target) == [expected]


def test_french_and_english_pivot_through_spanish(tmp_path, apertium_executable):
    passthrough = f'exec {apertium_executable} "$@"'
    logged = ApertiumEngine(
        executable=wrapper_script(tmp_path, apertium_executable, passthrough), warm=False
    )

    (english,) = logged.translate_batch(["Le chien noir mange la pomme."], "fr", "en")
    (french,) = logged.translate_batch(["The black dog eats the apple."], "en", "fr")

    assert english == "The black dog eats the apple."
    assert french == "Le chien noir mange la pomme."
    modes = [call.split()[-1] for call in translation_calls(tmp_path)]
    assert modes == ["fr-es", "spa-eng", "eng-spa", "es-fr"]


def test_unknown_words_are_not_marked_with_asterisks(engine):
    (result,) = engine.translate_batch(["El zorglub come la manzana."], "es", "en")

    assert "*" not in result
    assert "zorglub" in result


def test_placeholders_survive_translation_and_reordering(engine):
    (result,) = engine.translate_batch(["Mira el {1}perro negro{2} y {3} aquí."], "es", "en")

    assert "{1}black dog{2}" in result
    assert result.index("{2}") < result.index("{3}")


def test_many_segments_share_one_process(tmp_path, apertium_executable):
    passthrough = f'exec {apertium_executable} "$@"'
    engine = ApertiumEngine(
        executable=wrapper_script(tmp_path, apertium_executable, passthrough), warm=False
    )
    texts = [f"El perro número {n} come." for n in range(200)]

    result = engine.translate_batch(texts, "es", "en")

    assert result == [f"The dog number {n} eats." for n in range(200)]
    assert len(translation_calls(tmp_path)) == 1


def test_segments_keep_their_boundaries_even_without_final_punctuation(engine):
    texts = ["Casa", "blanca y grande", "perro negro"]

    assert engine.translate_batch(texts, "es", "en") == ["House", "White and big", "Black dog"]


def test_lost_block_markers_make_the_batch_split_until_it_comes_back_whole(
    engine, tmp_path, apertium_executable
):
    # A broken tool chain that drops block 1's marker whenever there is a block 1.
    broken = wrapper_script(
        tmp_path,
        apertium_executable,
        f"{apertium_executable} \"$@\" | sed 's/\\[tf-block:1\\]//'",
    )
    texts = ["Hola amigo.", "La casa roja.", "El perro.", "Buenos días."]

    result = ApertiumEngine(executable=broken, warm=False).translate_batch(texts, "es", "en")

    assert result == engine.translate_batch(texts, "es", "en")
    assert len(translation_calls(tmp_path)) > 1


@pytest.mark.parametrize("sentences", [700, 2_000], ids=["about-20k-chars", "about-60k-chars"])
def test_long_texts_come_back_whole(engine, sentences):
    text = " ".join(f"El perro come la manzana número {n}." for n in range(sentences))
    text += " Zorglub termina aquí."

    (result,) = engine.translate_batch([text], "es", "en")

    assert len(text) >= sentences * 30
    numbers = [int(n) for n in re.findall(r"number (\d+)", result)]
    assert numbers == list(range(sentences))
    assert "Zorglub" in result[-30:]
    assert result.endswith("here.")


def test_empty_and_blank_texts_come_back_as_they_were(engine):
    assert engine.translate_batch(["", "  ", "Hola"], "es", "en") == ["", "  ", "Hello"]


def test_same_language_never_starts_apertium():
    engine = ApertiumEngine(executable="/nonexistent/apertium")

    assert engine.translate_batch(["Hola", "¿Qué tal?"], "es", "es-ES") == ["Hola", "¿Qué tal?"]


def test_unsupported_pair_is_permanent(engine):
    with pytest.raises(PermanentTranslationError, match="es→de"):
        engine.translate_batch(["Hola"], "es", "de")
    assert not engine.supports("es", "de")
    assert engine.supports("fr", "en")


def test_missing_executable_is_permanent_and_says_what_to_install():
    engine = ApertiumEngine(executable="/nonexistent/apertium")

    with pytest.raises(PermanentTranslationError, match="apertium"):
        engine.translate_batch(["Hola"], "es", "en")


def test_crashing_process_is_transient(tmp_path, apertium_executable):
    crashing = wrapper_script(tmp_path, apertium_executable, "echo 'segfault' >&2; exit 3")

    with pytest.raises(TransientTranslationError, match="segfault"):
        ApertiumEngine(executable=crashing, warm=False).translate_batch(["Hola"], "es", "en")


def test_process_that_hangs_is_stopped_at_the_timeout(tmp_path, apertium_executable):
    hanging = wrapper_script(tmp_path, apertium_executable, "sleep 30")
    started = time.monotonic()

    with pytest.raises(TransientTranslationError, match="longer than"):
        ApertiumEngine(executable=hanging, timeout=1, warm=False).translate_batch(
            ["Hola"], "es", "en"
        )

    assert time.monotonic() - started < 5
