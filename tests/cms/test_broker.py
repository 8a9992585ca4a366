"""The embedded broker never hands a worker a message that is still being written."""

from __future__ import annotations

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
