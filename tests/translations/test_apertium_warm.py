"""The warm Apertium path: long-lived processes per mode, against the real programs.

Failures are made for real: stages are killed or stopped with signals, as an operator, the
OOM killer or a wedged program would.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translations.engines.apertium import ApertiumEngine
from translations.engines.apertium_tagger import IDLE_SPARES, WAVE
from translations.errors import TransientTranslationError

REALISTIC = [
    "Hola a todos, gracias por la lectura de esta semana.",
    "Mira el {1}perro negro{2} y {3} aquí.",
    "En nuestra cooperativa, {1}la economía solidaria{2} no es *solo* una idea.",
    "¿Qué opinan de la **ley de economía social** aprobada en Quebec?",
    "La señora Núñez explicó que el año pasado la asociación creció un 40 %.",
    "Casa",
    "blanca y grande",
    "Saludos, {1}",
    "El zorglub come & bebe <mucho>.",
    "Un texto con un carácter nulo\0 en medio.",
]


def long_text(sentences: int) -> str:
    body = " ".join(f"El perro come la manzana número {n}." for n in range(sentences))
    return body + " Zorglub termina aquí."


def gone(pid: int) -> bool:
    """True once the process is reaped: a zombie would still answer signal 0."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def warm(apertium_executable):
    engine = ApertiumEngine(executable=apertium_executable)
    yield engine
    engine.close()


@pytest.fixture
def one_shot(apertium_executable):
    return ApertiumEngine(executable=apertium_executable, warm=False)


@pytest.mark.parametrize(
    ("source", "target"), [("es", "en"), ("en", "es"), ("es", "fr"), ("fr", "en")]
)
def test_warm_and_one_shot_give_the_same_translations(warm, one_shot, source, target):
    texts = [*REALISTIC, long_text(700), long_text(2_000)]

    assert warm.translate_batch(texts, source, target) == one_shot.translate_batch(
        texts, source, target
    )


#: Prose words and the characters Apertium's stream format reserves, mixed at random.
VOCABULARY = (
    "el perro come la manzana casa blanca y grande {1} {2} *muy* **bien** Núñez año "
    "¿qué? ¡hola! [nota] a/b c\\d x^2 $5 @ana <p> & 40 % «así» — señora. Zorglub"
)
WORDS = st.sampled_from(VOCABULARY.split())
PROSE = st.lists(
    st.lists(WORDS, min_size=1, max_size=25).map(" ".join).map(str.strip).filter(bool),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=PROSE)
def test_texts_formatted_in_process_match_the_one_shot_path(warm, one_shot, texts):
    assert warm.translate_batch(texts, "es", "en") == one_shot.translate_batch(texts, "es", "en")


@pytest.mark.parametrize("sentences", [700, 2_000], ids=["about-20k-chars", "about-60k-chars"])
def test_long_texts_come_back_whole_from_the_warm_processes(warm, sentences):
    (result,) = warm.translate_batch([long_text(sentences)], "es", "en")

    assert result.endswith("Zorglub Ends up here.")
    assert result.count("The dog eats the apple number") == sentences


def test_an_answer_larger_than_the_pipe_buffers_does_not_deadlock(warm):
    texts = [f"El perro número {n} come la manzana roja del vecino." for n in range(6_000)]

    result = warm.translate_batch(texts, "es", "en")

    assert sum(len(t) for t in texts) > 300_000
    assert result[-1] == "The dog number 5999 eats the red apple of the neighbour."


def test_one_set_of_processes_serves_many_batches(warm):
    for n in range(20):
        warm.translate_batch([f"El perro número {n} come."], "es", "en")

    (mode,) = warm.warm_modes.values()
    assert mode.starts == 1


def test_pivot_keeps_one_set_of_processes_per_mode(warm):
    for _ in range(3):
        warm.translate_batch(["Le chien noir mange la pomme."], "fr", "en")

    assert sorted(warm.warm_modes) == ["fr-es", "spa-eng"]
    assert [mode.starts for mode in warm.warm_modes.values()] == [1, 1]


def test_processes_killed_from_outside_are_restarted_on_the_next_call(warm):
    warm.translate_batch(["Hola"], "es", "en")
    (mode,) = warm.warm_modes.values()
    killed = mode.pids
    for pid in killed:
        os.kill(pid, signal.SIGKILL)

    assert warm.translate_batch(["El perro negro."], "es", "en") == ["The black dog."]
    assert mode.starts == 2
    assert not set(mode.pids) & set(killed)
    assert all(gone(pid) for pid in killed)


def test_one_dead_stage_is_noticed_and_the_mode_restarted(warm):
    warm.translate_batch(["Hola"], "es", "en")
    (mode,) = warm.warm_modes.values()
    tagger = mode.pids[2]  # lt-proc, wblank-attach, then the tagger
    os.kill(tagger, signal.SIGKILL)

    assert warm.translate_batch(["El perro negro."], "es", "en") == ["The black dog."]
    assert mode.starts == 2


def test_a_hung_stage_times_out_and_the_next_call_starts_fresh(apertium_executable):
    engine = ApertiumEngine(executable=apertium_executable, timeout=1)
    engine.translate_batch(["Hola"], "es", "en")
    (mode,) = engine.warm_modes.values()
    stuck = mode.pids
    os.kill(stuck[3], signal.SIGSTOP)  # the stage after the tagger stops reading
    started = time.monotonic()

    with pytest.raises(TransientTranslationError, match="longer than 1s"):
        engine.translate_batch(["El gato."], "es", "en")

    assert time.monotonic() - started < 5
    assert all(gone(pid) for pid in stuck)
    engine.timeout = 60  # the first request of a fresh set loads every transducer
    assert engine.translate_batch(["El perro negro."], "es", "en") == ["The black dog."]
    assert mode.starts == 2
    engine.close()


def test_threads_sharing_the_engine_each_get_their_own_answers(warm):
    results: dict[int, list[str]] = {}

    def translate(worker: int) -> None:
        texts = [f"El perro número {worker * 100 + n} come." for n in range(10)]
        results[worker] = warm.translate_batch(texts, "es", "en")

    threads = [threading.Thread(target=translate, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for worker, result in results.items():
        assert result == [f"The dog number {worker * 100 + n} eats." for n in range(10)]
    assert len(results) == 8
    assert [mode.starts for mode in warm.warm_modes.values()] == [1]


def test_closing_the_engine_ends_and_reaps_every_process(warm):
    warm.translate_batch(["Hola"], "es", "fr")
    pids = [pid for mode in warm.warm_modes.values() for pid in mode.pids]

    warm.close()

    assert pids
    assert all(gone(pid) for pid in pids)


def test_an_engine_that_goes_away_takes_its_processes_with_it(apertium_executable):
    engine = ApertiumEngine(executable=apertium_executable)
    engine.translate_batch(["Hola"], "es", "en")
    pids = [pid for mode in engine.warm_modes.values() for pid in mode.pids]

    del engine
    gc.collect()

    assert pids
    assert all(gone(pid) for pid in pids)


def test_the_engine_is_used_again_after_closing(warm):
    warm.translate_batch(["Hola"], "es", "en")
    warm.close()

    assert warm.translate_batch(["El perro negro."], "es", "en") == ["The black dog."]


def taggers_in_group(group: int) -> list[int]:
    """The apertium-tagger processes of one process group (zombies included)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                name, fields = stat.read().rsplit(")", 1)
        except OSError:
            continue
        if name.endswith("(apertium-tagger") and int(fields.split()[2]) == group:
            found.append(int(entry))
    return found


def test_taggers_replaced_for_changing_themselves_do_not_pile_up_and_end_with_it(warm):
    texts = ["Alias", "Debes hacerlo como se indica.", "Cuando llegue Zorglub, avísame."]
    for _ in range(12):
        warm.translate_batch(texts, "es", "fr")
    (mode,) = warm.warm_modes.values()
    group = mode.pids[0]  # the first stage leads the mode's process group

    assert mode.tagger_restarts >= 12
    # The one in use, the spares kept loaded, and at most a wave's worth being stopped.
    assert 1 <= len(taggers_in_group(group)) <= 1 + IDLE_SPARES + WAVE
    warm.close()
    assert taggers_in_group(group) == []
