"""
Settings for the finished API.

Everything that differs between a laptop and a server comes from the environment, read with
django-environ, so the same file runs in development, in tests and in production. The variables
and their defaults are listed once, in README.md ("Environment"). For development they can sit in
`project/.env` (git-ignored; `python -m course serve project` writes one); a variable set in the
real environment wins over the file.
"""

from datetime import timedelta
from pathlib import Path

import django
import environ
from django.core.exceptions import ImproperlyConfigured

# Build paths inside the project like this: BASE_DIR / 'subdir'.
BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# DJANGO_ENV_FILE="" reads no file (the settings tests start processes that way).
ENV_FILE = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    env.read_env(ENV_FILE)


def throttle_rate(name, default):
    """A throttle rate such as '100/minute'; 'off' (or 'none', '0') means no limit."""
    value = env.str(name, default).strip()
    return None if value.lower() in {"", "off", "none", "0"} else value


# Off unless asked for: a forgotten variable must never expose tracebacks.
DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A development key is fine on a laptop; without DEBUG the key must be real: set, not one printed
# in this repository (README.md's example, .env.example's), 50+ characters.
KNOWN_SECRET_KEYS = {
    "change-me-to-50-random-characters",
    "django-insecure-development-only-key-never-use-in-production",
}
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # manage.py prints this message alone, without a traceback: say what to do.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set and DJANGO_DEBUG is off, so the server will not start.\n"
            "  Development: copy .env.example to .env in project/ (it sets DJANGO_DEBUG=1),\n"
            "               or run `python -m course serve project`, which does it for you.\n"
            "  Production:  set DJANGO_SECRET_KEY to 50+ random characters and DJANGO_ALLOWED_HOSTS."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
elif not DEBUG and (
    SECRET_KEY.startswith("django-insecure")
    or SECRET_KEY in KNOWN_SECRET_KEYS
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    # The same bar as `check --deploy` (security.W009), enforced: a known or guessable key lets
    # anyone sign tokens, password-reset links and sessions for any account.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is a known, short or repetitive value and DJANGO_DEBUG is off, so the "
        "server will not start: set it to 50+ random characters "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)


# Application definition

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",  # allauth keys its settings on a Site
    # Third-party
    "rest_framework",
    "rest_framework.authtoken",  # the `Token <key>` sign-in of lesson 06
    "rest_framework_simplejwt.token_blacklist",  # refresh tokens revoked on logout
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served from here: /api/docs/ works offline
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",  # dj-rest-auth's registration imports it
    "dj_rest_auth",
    "dj_rest_auth.registration",
    "axes",  # failed sign-ins counted per account and per client
    # Local
    "course",  # the course's `seed` command
    "accounts",
    "articles",
]

MIDDLEWARE = [
    # First: every answer to an allowed origin carries its CORS headers, the refusals of the
    # middleware below included (a JSON 413, a bad Host, a redirect), or the browser hides them.
    "corsheaders.middleware.CorsMiddleware",
    # Next: answers a bad Host or an oversized body in JSON before anything else reads them.
    "config.middleware.JSONErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, except that a write to a URL without its slash gets a 308 (method kept).
    "config.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",  # required by allauth
    "axes.middleware.AxesMiddleware",  # answers a locked-out sign-in (last, as axes asks)
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"


# Database
# SQLite by default, anything dj-database-url understands (PostgreSQL) from DATABASE_URL.

DATABASES = {
    # An empty DATABASE_URL counts as unset.
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{(BASE_DIR / 'db.sqlite3').as_posix()}"
    )
}
DATABASES["default"].update(
    CONN_MAX_AGE=env.int("DJANGO_CONN_MAX_AGE", default=0), CONN_HEALTH_CHECKS=True
)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and env.bool(
    "DJANGO_SQLITE_TUNED", default=True
):
    # SQLite with several writers (gunicorn workers, threads of runserver):
    # - IMMEDIATE takes the write lock when a transaction starts, so two
    #   writers queue up instead of failing with "database is locked" when a
    #   read transaction tries to become a write transaction;
    # - timeout: how many seconds a writer waits for that lock;
    # - WAL lets readers carry on while one writer writes; synchronous=NORMAL
    #   is safe with WAL and saves an fsync per commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )


# Password validation

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalization

LANGUAGE_CODE = "en-us"

TIME_ZONE = "UTC"

USE_I18N = True

USE_TZ = True


# Static files (CSS, JavaScript, Images): collected for the admin and the docs page.

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Security: production values by default, relaxed only by DEBUG or explicit variables,
# so that `manage.py check --deploy` is clean with DJANGO_SECRET_KEY + DJANGO_ALLOWED_HOSTS.

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# How many proxies in front of the server append to X-Forwarded-For. 0 (the default): the header
# is the client's to write, so the throttles and the sign-in lockout use the socket's address.
NUM_PROXIES = env.int("DJANGO_NUM_PROXIES", default=0)


# Email: allauth sends mail (password reset links). With DEBUG it is printed (the console backend);
# without, DJANGO_EMAIL_BACKEND names the backend, Django's SMTP one by default (to a mail server on
# this host, Django's default EMAIL_HOST). Django 6.1 names it in MAILERS and deprecates
# EMAIL_BACKEND, refusing both at once; before 6.1 only EMAIL_BACKEND exists.

email_backend = env.str(
    "DJANGO_EMAIL_BACKEND",
    default=f"django.core.mail.backends.{'console' if DEBUG else 'smtp'}.EmailBackend",
)
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": email_backend}}
else:
    EMAIL_BACKEND = email_backend


# Sites: allauth needs one.

SITE_ID = 1


# Authentication: Django's model backend plus allauth's.

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or client
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]


# django-allauth: username + password sign-up, no e-mail round trip.

ACCOUNT_LOGIN_METHODS = {"username"}
# "email" without a star: optional. Leaving it out would make dj-rest-auth require it.
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# Usernames are normalised (NFKC) and look-alikes of existing ones refused.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"


# dj-rest-auth: token sign-in; no session cookie, so the API never needs CSRF.

REST_AUTH = {
    "SESSION_LOGIN": False,
    "USE_JWT": False,  # JWT has its own routes under /accounts/jwt/
    "USER_DETAILS_SERIALIZER": "accounts.serializers.UserDetailsSerializer",
    # The current password is required to set a new one, and the change revokes every token.
    "OLD_PASSWORD_FIELD_ENABLED": True,
    "PASSWORD_CHANGE_SERIALIZER": "accounts.serializers.PasswordChangeSerializer",
}


# Django REST framework

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header turns "not signed in" into 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    "DEFAULT_PAGINATION_CLASS": "articles.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "articles.filters.SearchFilter",  # DRF's, with at most 10 words of 200 characters
        "articles.filters.OrderingFilter",  # DRF's, ending every ordering with the id
    ],
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.JSONParser",  # DRF's, with JSON nested too deep answered 400
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": throttle_rate("DJANGO_THROTTLE_ANON", "100/minute"),
        "user": throttle_rate("DJANGO_THROTTLE_USER", "1000/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # DRF's, except that a method the route does not have is 405 before any 401 or 403.
    "EXCEPTION_HANDLER": "config.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}


# djangorestframework-simplejwt: short-lived access, rotating refresh, blacklist on logout.

SIMPLE_JWT = {
    # Refresh, verify and logout also refuse a token whose user is gone, inactive or has a new
    # password (accounts/serializers.py), as every other route does.
    "TOKEN_REFRESH_SERIALIZER": "accounts.serializers.TokenRefreshSerializer",
    "TOKEN_VERIFY_SERIALIZER": "accounts.serializers.TokenVerifySerializer",
    "TOKEN_BLACKLIST_SERIALIZER": "accounts.serializers.TokenBlacklistSerializer",
    # Capped at 5 minutes: a stolen access token cannot be revoked, only outlived.
    "ACCESS_TOKEN_LIFETIME": timedelta(
        seconds=min(env.int("DJANGO_JWT_ACCESS_SECONDS", default=300), 300)
    ),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        seconds=env.int("DJANGO_JWT_REFRESH_SECONDS", default=24 * 60 * 60)
    ),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,  # one write less per sign-in
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Tokens carry a hash of the password: a password change ends every access token at once.
    "CHECK_REVOKE_TOKEN": True,
}


# drf-spectacular: the OpenAPI 3 schema and its docs page.

SPECTACULAR_SETTINGS = {
    "TITLE": "Articles API",
    "DESCRIPTION": (
        "The course's finished API: articles, comments, token and JWT sign-in. Every refusal is a "
        "4xx with a JSON reason; a method a route does not list answers 405 with an Allow header, "
        "for everyone, and a write to a path without its trailing slash a 308 to it."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components, so read-only fields (id,
    # created_at...) are not asked for in request bodies.
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page's JavaScript and CSS come from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every operation also documents its error answers (config/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.schema.add_error_responses",
    ],
}


# django-cors-headers: only the course's front-end origins may call from a browser.

CORS_ALLOWED_ORIGINS = env.list(
    "DJANGO_CORS_ALLOWED_ORIGINS", default=["http://localhost:8080", "http://127.0.0.1:8080"]
)


# django-axes: failed sign-ins (the API's login, JWT create, the admin) are counted per username
# and per client address; after DJANGO_LOGIN_FAILURE_LIMIT of either, that account or client is
# refused (429) for DJANGO_LOGIN_COOLOFF_MINUTES, even with the right password.

AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Per account, not per spelling: `ALICE` and `ａｌｉｃｅ` count (and are locked) with `alice`.
AXES_USERNAME_CALLABLE = "accounts.lockout.account_name"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"  # the throttles' idea of the client
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # JSON, like every other refusal


# Logging: errors to the console, where gunicorn and runserver collect them.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}


# Tests: Django's runner with a fast password hasher, for the test run only.

TEST_RUNNER = "config.test_runner.TestRunner"
