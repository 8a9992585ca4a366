"""Settings shared by every environment. Values come from environment variables (12-factor)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

from members.languages import LANGUAGES as LANGUAGES  # the setting (Internationalisation)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PUENTES_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def filesystem_broker_options(folder: Path) -> dict[str, object]:
    """kombu's filesystem transport, all of its folders under one of ours (made if missing)."""
    for name in ("queue", "control", "processed", "results"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "control_folder": str(folder / "control"),
        "processed_folder": str(folder / "processed"),
        "store_processed": False,
        # Without events to wait on, a worker sleeps this long whenever it finds nothing it
        # may take: kombu's 1 s let a prefork worker finish only one task a process a second.
        "polling_interval": float(os.environ.get("CELERY_POLLING_INTERVAL", "0.05")),
    }


# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The form fields of one request (files aside), at most. A post has at most 50,000
# characters (forum.forms.POST_MAX_CHARACTERS), 600 kB form-encoded even in 4-byte
# characters: up to 10 MB the post form answers a text too long with the limit and the text
# back, where Django's default 2.5 MB answered a bare "400 Bad Request" and lost it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

INSTALLED_APPS = [
    # Our apps. `forum` keeps its package name but has the label `cohort_forum`:
    # machina's class loader matches INSTALLED_APPS entries by name, and machina's
    # own forum app is labelled `forum`.
    "cms",
    "notifications",
    "proceedings",
    # The network beyond one course (Passerelles, Espace Collectif): the directory of
    # members, communities of practice and projects looking for volunteers.
    "directory",
    "communities",
    "projects",
    "members",
    "courses",
    "translations",
    "forum.apps.CohortForumConfig",
    # Themes and regions shared by posts, case studies, communities and alerts.
    "taxonomy",
    # Sign-up with a verified email
    "allauth",
    "allauth.account",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # django-machina and what it needs
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "machina.apps.forum",
    "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "machina.apps.forum_search",
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "machina.apps.forum_permission",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Content-Security-Policy header (its system checks)
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A GET answers each repeated lookup once (the course of a forum...: members/request_memo.py).
    "members.request_memo.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: the policy is for pages, not for the static files it serves.
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A member's permissions (asked on every page) kept between requests.
    "members.kept_permissions.KeptPermissionsMiddleware",
    # A signed-in member sees the language of their profile (courses/language.py).
    "members.language.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "forum.permission_handler.ForumPermissionMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Ours first so that our overrides of machina's templates win.
        "DIRS": [BASE_DIR / "templates", MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'puentes.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has a web server and worker processes writing at once: wait for
    # the lock instead of failing, and let readers go on while one process writes (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# machina's apps declare no default_auto_field: a BigAutoField default here would
# make `makemigrations` want migrations inside machina. Our apps set theirs.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# ---------------------------------------------------------------------------
# Cache
# ---------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _default_cache = {
        "BACKEND": "cms.redis_cache.RedisCache",
        "LOCATION": REDIS_URL,
    }
else:
    _default_cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {
    "default": _default_cache,
    "machina_attachments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "machina_attachments"),
    },
    # Rendered fragments of pages (a post's block on a topic page), in each web process's
    # memory: their keys are digests of everything they show (forum/post_fragments.py), so
    # a change anywhere makes a new key and nothing needs forgetting; the oldest go first.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "puentes-fragments",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    # A topic page's whole list of posts (its blocks and the controls beside them) for the
    # next reader with the same rights: larger entries (tens of KiB), fewer of them.
    "post_lists": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "puentes-post-lists",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 1_000},
    },
}

# ---------------------------------------------------------------------------
# Auth
# ---------------------------------------------------------------------------
# Twelve characters at least (a passphrase), none of Django's 20,000 common passwords, not
# the member's own name or email, and not mostly the site's name (`puentes-demo`). The demo
# sets its shared password directly (cms/demo/course.py), past these rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "members.passwords.SiteNameValidator",
        "OPTIONS": {"names": ["puentes", "puente"], "min_length": 12},
    },
]
# One way to sign in for everyone, staff included: allauth's, which throttles failed
# attempts and asks for a verified email. The admins' own login forms only send people
# there (cms/urls.py), and so do Wagtail's redirects of visitors.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Wagtail sends visitors and members without admin rights here: a visitor goes on to
# allauth, a signed-in member gets the refusal page (members.views.sign_in).
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# allauth's password reset (rate-limited, in the member's language) is the one.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# allauth's backend is Django's ModelBackend (permissions) that also knows emails; nothing
# but allauth's sign-in calls it with a password.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# django-allauth: members sign up with an email they have verified; the signup form adds
# the profile (display name, language, organisation, region).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "members.signup.SignupForm"
ACCOUNT_ADAPTER = "members.signup.AccountAdapter"
# allauth names people by their login ("You have signed in as …"): the display name instead.
ACCOUNT_USER_DISPLAY = "members.profiles.display_name"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Failed sign-ins, counted in the cache: 10 a minute from one address, and 5 in 5 minutes
# for one login (username or email), after which even the right password waits.
ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key"}
# Behind a TLS proxy every request comes from the proxy's address, and the limits above
# would count all members as one. The proxies' addresses or networks (comma-separated,
# e.g. "127.0.0.1,10.0.0.0/8"): from them only, the client's address is read from
# X-Forwarded-For (the PUENTES_TRUSTED_PROXY_COUNT-th address from the right: one proxy
# appends one) or from PUENTES_CLIENT_IP_HEADER (e.g. X-Real-IP) when set; a header
# from anyone else is ignored (members.client_address, allauth's adapter).
PUENTES_TRUSTED_PROXIES = env_list("PUENTES_TRUSTED_PROXIES")
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("PUENTES_TRUSTED_PROXY_COUNT", "1"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("PUENTES_CLIENT_IP_HEADER") or None
# A signed-in member an admin turned away lands on the sign-in form (to switch accounts),
# not back where they were refused, which would refuse them again.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False

# ---------------------------------------------------------------------------
# Internationalisation
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# LANGUAGES (imported above) is the one list of the site's languages: interface, content
# and translation.
# One tree of pages, one URL per page in every language: a page's texts are translated field
# by field beside it (translations.models.TextSource), not copied into a tree per locale,
# whose copies answered 404 to a language they had not been published in.
WAGTAIL_I18N_ENABLED = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Content-Security-Policy (django-csp; cms/middleware.py)
# ---------------------------------------------------------------------------
# The site runs no inline code: every script is a static file, every handler a listener
# (tests/privacy/test_content_security_policy.py scans templates/), and no template of ours
# or machina's that the site renders has a style attribute. Images may be data: URIs
# (Bootstrap's and Wagtail's stylesheets draw icons with them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail previews pages in a same-origin frame (as X_FRAME_OPTIONS = SAMEORIGIN).
        "frame-ancestors": [SELF],
    },
}
# Wagtail 8's admin cannot run without inline code: its explorer, page editor (InlinePanel,
# the date and time pickers) and user list start their scripts inline, and both admins
# (machina's forum tree in Django's) write style attributes.
# Under these prefixes only, which only staff can open, the policy adds what they need
# (cms/middleware.py); the multiple-image upload previews its files as blob: images.
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "UPDATE": {
        "script-src": [UNSAFE_INLINE],
        "style-src": [UNSAFE_INLINE],
        "img-src": ["blob:"],
    },
}

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static", MACHINA_MAIN_STATIC_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Puentes <noreply@localhost>")

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Puentes"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No third party learns who uses the admin: no Gravatar avatars (they would send a hash of
# every listed member's email to gravatar.com), and no release check from staff browsers
# (releases.wagtail.org; the versions are pinned in pyproject.toml, upgraded in code).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# ---------------------------------------------------------------------------
# django-machina
# ---------------------------------------------------------------------------
MACHINA_FORUM_NAME = "Puentes"
MACHINA_BASE_TEMPLATE_NAME = "machina_base.html"
# markdown2's safe_mode has known bypasses: render with markdown-it-py, then sanitise with nh3.
MACHINA_MARKUP_LANGUAGE: tuple[str, dict[str, object]] = ("forum.markdown.render_markdown", {})
MACHINA_MARKUP_WIDGET = "django.forms.Textarea"
MACHINA_USER_DISPLAY_NAME_METHOD = "get_full_name"
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS: list[str] = []
# Post attachments: each in a folder with a random name under this one of the media folder,
# which neither the development server nor the production web server serves; only their
# download view does, to the readers of the post (forum/attachments.py, README).
MACHINA_ATTACHMENT_FILE_UPLOAD_TO = "machina/attachments"
# Behind nginx, e.g. "/_attachments/": the download view answers with X-Accel-Redirect to
# this prefix followed by the file's name in the media folder, and nginx sends the file from
# an `internal` location. Unset: Django streams the file.
PUENTES_ATTACHMENT_ACCEL_PREFIX = os.environ.get("PUENTES_ATTACHMENT_ACCEL_PREFIX", "")
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# ---------------------------------------------------------------------------
# Celery
# ---------------------------------------------------------------------------
# The embedded default needs no server: kombu's filesystem transport under var/.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
# Above the longest retry delay (translations back off to at most an hour), so that a
# task waiting out its countdown on Redis is never redelivered while still scheduled.
REDIS_VISIBILITY_TIMEOUT = 4 * 3600
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(VAR_DIR / "celery")
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": REDIS_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND = os.environ.get(
    "CELERY_RESULT_BACKEND", f"file://{VAR_DIR / 'celery' / 'results'}"
)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per process, so that long tasks spread over workers (Redis). The
# embedded broker has no events: its worker polls, and with one message per process it
# slept between every two tasks; it serves one machine, so it takes a few at once.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1 if not CELERY_BROKER_URL.startswith("filesystem://") else 8
# Celery's Django fixup closes the database connection before and after every task unless
# told to reuse it; cms/celery.py applies Django's own per-request rule instead (close a
# connection that broke or outlived CONN_MAX_AGE), so a worker keeps one connection.
CELERY_DB_REUSE_MAX = 1000
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ROUTES = {
    "translations.tasks.*": {"queue": "translations"},
    # Emails on the default queue, never behind a batch of translations.
    "notifications.outbox.*": {"queue": "default"},
    "notifications.digests.*": {"queue": "default"},
    # Exports too: an organizer watches their progress.
    "proceedings.tasks.*": {"queue": "default"},
}
CELERY_TASK_DEFAULT_QUEUE = "default"
# How often beat looks for translations waiting with no task on its way (recovery within a
# minute of a broker or worker failure), and how long a worker's claim holds after its
# last heartbeat (a third of it apart; translations/heartbeat.py).
TRANSLATION_SWEEP_SECONDS = float(os.environ.get("TRANSLATION_SWEEP_SECONDS", "10"))
TRANSLATION_CLAIM_LEASE = float(os.environ.get("TRANSLATION_CLAIM_LEASE", "30"))
CELERY_BEAT_SCHEDULE = {
    # A broker that was down when a post was written loses nothing: the sweep sends again
    # every translation left pending for too long.
    "sweep-pending-translations": {
        "task": "translations.tasks.sweep_pending_translations",
        "schedule": 300.0,
    },
    # Within seconds of the broker's return (or of a dead worker's claims running out), a
    # task for what waits; and what waits on the engine goes again once it answers. Each
    # a query or two when nothing waits; a run missed is not made up (expires).
    "sweep-due-translations": {
        "task": "translations.tasks.sweep_due_translations",
        "schedule": TRANSLATION_SWEEP_SECONDS,
        "options": {"expires": TRANSLATION_SWEEP_SECONDS},
    },
    "check-engine-health": {
        "task": "translations.tasks.check_engine_health",
        "schedule": TRANSLATION_SWEEP_SECONDS,
        "options": {"expires": TRANSLATION_SWEEP_SECONDS},
    },
    # Weeks open and close by date, with no save to re-run the forum permissions then.
    "forum-permissions-daily": {
        "task": "forum.tasks.sync_course_permissions_daily",
        "schedule": crontab(hour=0, minute=5),
    },
    # The outbox: whatever is due (retries, and emails whose task a broker down lost).
    "send-due-emails": {"task": "notifications.outbox.send_due_emails", "schedule": 60.0},
    # Digests go out at each member's local morning: look every quarter of an hour.
    "send-digests": {"task": "notifications.digests.send_digests", "schedule": 900.0},
    # Notices that come with the date (notifications/tasks.py); each is told once, so an
    # hourly run also catches a week published on its opening day.
    "notify-week-openings": {
        "task": "notifications.tasks.notify_week_openings",
        "schedule": crontab(minute=15),
    },
    "remind-week-closing": {
        "task": "notifications.tasks.remind_week_closing",
        "schedule": crontab(hour=9, minute=0),
    },
    "notify-failed-translations": {
        "task": "notifications.tasks.notify_failed_translations",
        "schedule": crontab(minute=45),
    },
}

# ---------------------------------------------------------------------------
# Translation
# ---------------------------------------------------------------------------
# "apertium" (offline, the default), "google", "deepl", "microsoft" or "libretranslate".
TRANSLATION_ENGINE = os.environ.get("TRANSLATION_ENGINE", "apertium")
# A task translates its post together with up to this many others that are waiting: one
# engine call per language pair for all of them.
TRANSLATION_BATCH_POSTS = int(os.environ.get("TRANSLATION_BATCH_POSTS", "50"))
TRANSLATION_ENGINE_OPTIONS = {
    key: value
    for key, value in {
        "api_key": os.environ.get("TRANSLATION_API_KEY", ""),
        "url": os.environ.get("TRANSLATION_API_URL", ""),
        "region": os.environ.get("TRANSLATION_API_REGION", ""),
        "timeout": float(os.environ.get("TRANSLATION_TIMEOUT", "30")),
    }.items()
    if value
}

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail's audit lines and its background-task chatter drown the useful output.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
