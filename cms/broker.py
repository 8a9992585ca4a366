"""kombu's filesystem transport (the embedded broker) with messages that appear whole.

kombu creates a message's file and then writes into it, so a worker listing the folder
at that moment can take an empty file and stop on "Unrecoverable error: JSONDecodeError".
Here a message is written under a name the reader skips, then renamed into place: a
rename within a folder is atomic.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = f"{final}.part"  # "<id>.<queue>.msg.part" is not "<queue>.msg": skipped
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise filesystem.ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
