"""The fault tests' worker: the production worker with beat, on the tests' database.

    python tests/faults/worker.py FOLDER NAME CONCURRENCY

Run by tests/faults/services.py with the environment it is given (settings, broker,
engine, recovery intervals); PUENTES_FAULTS_DATABASE_NAME names the database to use (the
test run's). Writes FOLDER/ready once it consumes; beat's schedule lives in FOLDER.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    folder, name, concurrency = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    if database := os.environ.get("PUENTES_FAULTS_DATABASE_NAME"):
        settings.DATABASES["default"]["NAME"] = database  # every connection, every thread
    django.setup()
    from celery.signals import worker_ready

    from cms.celery import app

    def ready(**kwargs) -> None:
        (folder / "ready.part").write_text(str(os.getpid()))
        (folder / "ready.part").replace(folder / "ready")

    worker_ready.connect(ready, weak=False)
    app.worker_main(
        [
            "worker",
            "--beat",
            f"--schedule={folder / 'celerybeat-schedule'}",
            f"--hostname={name}@%h",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            f"--queues={settings.CELERY_TASK_DEFAULT_QUEUE},translations",
            f"--loglevel={os.environ.get('LOG_LEVEL', 'WARNING')}",
            "--without-mingle",
            "--without-gossip",
        ]
    )


if __name__ == "__main__":
    main()
