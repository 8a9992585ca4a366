"""Settings of the "other process" in tests/translations/test_kept_texts.py: the test
run's database and the test's shared file cache."""

import os

from cms.settings.test import *  # noqa: F403
from cms.settings.test import CACHES, DATABASES

DATABASES["default"]["NAME"] = os.environ["KEPT_TEXTS_DATABASE"]
CACHES["default"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ["KEPT_TEXTS_CACHE"],
}
