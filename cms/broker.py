"""kombu's filesystem transport (the embedded broker) with messages that appear whole.

kombu creates a message's file and then writes into it, so a worker listing the folder
at that moment can take an empty file and stop on "Unrecoverable error: JSONDecodeError".
Here a message is written under a name the reader skips, then renamed into place: a
rename within a folder is atomic.

Reading, kombu lists and sorts the whole folder for every message it takes, and moves
the file to the system's temporary folder (a copy when that is another file system): a
burst of n messages costs n² names. Here a reader keeps the sorted names of its last
listing and takes them one by one, listing again only once they are used up; a message
is claimed by renaming it within the folder, so two readers never take the same one.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import deque
from itertools import count
from queue import Empty
from time import time_ns

from kombu.transport import filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

_sent = count()


class Channel(filesystem.Channel):
    # kombu's filesystem Channel names AbstractChannel's "message" "payload": no signature
    # fits both of its bases.
    def _put(self, queue, payload, **kwargs):  # type: ignore[override]
        # Readers take names in sorted order: a fixed-width clock (the wall clock, which
        # outlives a reboot and the messages left in the folder) and this process's count
        # keep messages sent in one millisecond, or one nanosecond, in the order sent.
        name = f"{time_ns():020d}{next(_sent) % 10**6:06d}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = f"{final}.part"  # "<id>.<queue>.msg.part" is not "<queue>.msg": skipped
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise filesystem.ChannelError(f"Cannot add file {final!r} to directory") from exc

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._backlog: dict[str, deque[str]] = {}

    def _get(self, queue, timeout=None):
        """The oldest message of ``queue``, from the names listed last time if any are left.

        Never waits, whatever ``timeout``: after ``Empty`` kombu asks again once its
        polling interval has passed.
        """
        backlog = self._backlog.get(queue)
        if not backlog:
            suffix = f"{queue}.msg"
            backlog = self._backlog[queue] = deque(
                sorted(
                    name
                    for name in os.listdir(self.data_folder_in)
                    if name.partition(".")[2] == suffix
                )
            )
        while backlog:
            name = backlog.popleft()
            path = os.path.join(self.data_folder_in, name)
            taken = f"{path}.taken"  # skipped by every reader, like a ".part"
            try:
                os.rename(path, taken)
            except OSError:
                continue  # another reader took it since the listing
            try:
                with open(taken, "rb") as file:
                    payload = file.read()
                if self.store_processed:
                    shutil.move(taken, os.path.join(self.processed_folder, name))
                else:
                    os.remove(taken)
            except OSError as exc:
                raise filesystem.ChannelError(f"Cannot read file {taken!r} from queue.") from exc
            return loads(bytes_to_str(payload))
        raise Empty()


class Transport(filesystem.Transport):
    Channel = Channel
