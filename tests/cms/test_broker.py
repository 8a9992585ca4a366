"""The embedded broker never hands a worker a message that is still being written."""

from __future__ import annotations

import contextlib
from queue import Empty

import pytest
from kombu import Connection

from cms.broker import Transport


@pytest.fixture
def channel(tmp_path):
    options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    with Connection("filesystem://", transport_options=options) as connection:
        yield connection.default_channel, tmp_path


def test_filesystem_broker_urls_use_the_atomic_transport(channel):
    assert isinstance(channel[0].connection, Transport)


def test_a_message_appears_whole_and_no_partial_file_is_left(channel):
    chan, folder = channel

    chan._put("translations", {"body": "hola"})

    names = [path.name for path in folder.iterdir()]
    assert len(names) == 1
    assert names[0].endswith(".translations.msg")
    assert chan._get("translations") == {"body": "hola"}


def test_a_message_still_being_written_is_left_alone(channel):
    chan, folder = channel
    (folder / "1_abc.translations.msg.part").write_bytes(b"")

    with pytest.raises(Empty):  # nothing to take yet
        chan._get("translations")

    assert (folder / "1_abc.translations.msg.part").exists()


def test_messages_come_out_in_the_order_they_were_sent(channel):
    chan, folder = channel
    for number in range(5):
        chan._put("translations", {"n": number})

    chan._put("default", {"n": "other queue"})
    taken = [chan._get("translations")["n"] for _ in range(3)]
    chan._put("translations", {"n": 5})  # sent after the reader's listing
    taken += [chan._get("translations")["n"] for _ in range(3)]

    assert taken == [0, 1, 2, 3, 4, 5]
    with pytest.raises(Empty):
        chan._get("translations")
    assert chan._get("default") == {"n": "other queue"}
    assert list(folder.iterdir()) == []  # nothing claimed is left behind


def test_a_message_another_reader_took_since_the_listing_is_skipped(channel):
    chan, folder = channel
    for number in range(3):
        chan._put("translations", {"n": number})
    assert chan._get("translations") == {"n": 0}  # the listing now holds 1 and 2

    oldest = sorted(folder.iterdir())[0]
    oldest.unlink()  # another worker took message 1

    assert chan._get("translations") == {"n": 2}
    with pytest.raises(Empty):
        chan._get("translations")


def test_two_readers_of_one_folder_never_take_the_same_message(tmp_path):
    options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    with (
        Connection("filesystem://", transport_options=options) as first,
        Connection("filesystem://", transport_options=options) as second,
    ):
        readers = [first.default_channel, second.default_channel]
        for number in range(40):
            readers[0]._put("translations", {"n": number})

        taken = []
        for turn in range(60):
            with contextlib.suppress(Empty):
                taken.append(readers[turn % 2]._get("translations")["n"])

    assert sorted(taken) == list(range(40))


def test_processed_messages_are_kept_when_asked(tmp_path):
    processed = tmp_path / "processed"
    processed.mkdir()
    options = {
        "data_folder_in": str(tmp_path / "queue"),
        "data_folder_out": str(tmp_path / "queue"),
        "processed_folder": str(processed),
        "store_processed": True,
    }
    (tmp_path / "queue").mkdir()
    with Connection("filesystem://", transport_options=options) as connection:
        chan = connection.default_channel
        chan._put("translations", {"body": "hola"})
        assert chan._get("translations") == {"body": "hola"}

    assert [path.name.endswith(".translations.msg") for path in processed.iterdir()] == [True]
