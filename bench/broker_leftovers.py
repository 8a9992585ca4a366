"""What the benchmark's workers leave in the broker, cleared once each has ended.

The slow-engine worker of bench/translation_pipeline.py is killed outright (nothing of its
work is measured, so its 2-second engine calls are not waited out). Its tasks acknowledge
late, so on Redis the messages it had taken stay in the broker database's ``unacked`` hash
(and ``unacked_index``, by delivery time), where purging the queues does not reach them:
whichever worker of that database next looks after the visibility timeout (4 hours)
takes them back, translating the posts of a benchmark database long gone. So when a
worker of the benchmark has ended, its queues are purged and those keys deleted.

The benchmark runs on a broker database of its own (docs/benchmarks.md): what is
unacknowledged there once its worker has ended is the benchmark's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from celery import Celery


@dataclass
class Leftovers:
    queued: int  # messages purged from the queues
    unacknowledged: int  # messages taken by a worker that never acknowledged them


def clear_leftovers(app: Celery, queues: Iterable[str]) -> Leftovers:
    """Purge ``queues`` and, on Redis, forget every unacknowledged message of the database.

    Call it only once no worker consumes the broker database (the benchmark's own).
    """
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        queued = sum(channel.queue_purge(queue) or 0 for queue in queues)
        unacknowledged = 0
        if connection.transport.driver_type == "redis":
            client = channel.client  # prefixes the keys itself under a global_keyprefix
            unacknowledged = client.hlen(channel.unacked_key)
            client.delete(channel.unacked_key, channel.unacked_index_key, channel.unacked_mutex_key)
    return Leftovers(queued=queued, unacknowledged=unacknowledged)
