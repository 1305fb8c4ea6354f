"""
Settings for the finished API.

Everything that differs between a laptop and a server comes from the
environment, so the same file runs in development, in tests and in production.
The variables (all optional unless stated):

    DJANGO_DEBUG                   1 for development and tests; off by default.
    DJANGO_SECRET_KEY              required when DJANGO_DEBUG is off.
    DJANGO_ALLOWED_HOSTS           comma-separated host names.
    DATABASE_URL                   e.g. postgres://user:pass@host:5432/db;
                                   default: SQLite file db.sqlite3 beside manage.py.
    DJANGO_SQLITE_TUNED            0 to fall back to Django's default SQLite
                                   options (only to measure the difference).
    DJANGO_CORS_ALLOWED_ORIGINS    comma-separated origins allowed to call the API
                                   from a browser.
    DJANGO_THROTTLE_ANON           e.g. 100/minute; "off" disables the limit.
    DJANGO_THROTTLE_USER           e.g. 1000/minute; "off" disables the limit.
    DJANGO_JWT_ACCESS_SECONDS      access-token lifetime, at most 300 (5 minutes).
    DJANGO_JWT_REFRESH_SECONDS     refresh-token lifetime.
    DJANGO_SECURE_SSL_REDIRECT     1/0; on by default when DJANGO_DEBUG is off.
    DJANGO_SECURE_HSTS_SECONDS     default 31536000 when DJANGO_DEBUG is off.
    DJANGO_SECURE_PROXY_SSL_HEADER 1 when a proxy terminates TLS and sets
                                   X-Forwarded-Proto.
    DJANGO_CSRF_TRUSTED_ORIGINS    comma-separated, for the admin behind HTTPS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    """Read a yes/no variable; anything but 1/true/yes/on is off."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated variable into a list, dropping blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_rate(name, default):
    """A throttle rate such as '100/minute'; 'off' (or 'none', '0') means no limit."""
    value = os.environ.get(name, default).strip()
    return None if value.lower() in {"", "off", "none", "0"} else value


# Build paths inside the project like this: BASE_DIR / 'subdir'.
BASE_DIR = Path(__file__).resolve().parent.parent


# Off unless asked for: a forgotten variable must never expose tracebacks.
DEBUG = env_bool("DJANGO_DEBUG")

# A development key is fine on a laptop; without DEBUG the key must be real.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (50+ random characters) in production, "
            "or set DJANGO_DEBUG=1 for development and tests."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")


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
    # Local
    "course",  # the course's `seed` command
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Above CommonMiddleware, so that CORS headers are added to its responses too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",  # required by allauth
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
    "default": dj_database_url.parse(
        # An empty DATABASE_URL counts as unset, as it does for every other variable here.
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{(BASE_DIR / 'db.sqlite3').as_posix()}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and env_bool("DJANGO_SQLITE_TUNED", True):
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

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


# Email: allauth may send mail (password change notices); print it instead.

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"


# Sites: allauth needs one.

SITE_ID = 1


# Authentication: Django's model backend plus allauth's.

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]


# django-allauth: username + password sign-up, no e-mail round trip.

ACCOUNT_LOGIN_METHODS = {"username"}
# "email" without a star: optional. Leaving it out would make dj-rest-auth require it.
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"


# dj-rest-auth: token sign-in; no session cookie, so the API never needs CSRF.

REST_AUTH = {
    "SESSION_LOGIN": False,
    "USE_JWT": False,  # JWT has its own routes under /accounts/jwt/
    "USER_DETAILS_SERIALIZER": "config.serializers.UserDetailsSerializer",
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
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("DJANGO_THROTTLE_ANON", "100/minute"),
        "user": env_rate("DJANGO_THROTTLE_USER", "1000/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}


# djangorestframework-simplejwt: short-lived access, rotating refresh, blacklist on logout.

SIMPLE_JWT = {
    # Capped at 5 minutes: a stolen access token cannot be revoked, only outlived.
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=min(env_int("DJANGO_JWT_ACCESS_SECONDS", 300), 300)),
    "REFRESH_TOKEN_LIFETIME": timedelta(seconds=env_int("DJANGO_JWT_REFRESH_SECONDS", 24 * 60 * 60)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,  # one write less per sign-in
    "AUTH_HEADER_TYPES": ("Bearer",),
}


# drf-spectacular: the OpenAPI 3 schema and its docs page.

SPECTACULAR_SETTINGS = {
    "TITLE": "Articles API",
    "DESCRIPTION": "The course's finished API: articles, comments, token and JWT sign-in.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components, so read-only fields (id,
    # created_at...) are not asked for in request bodies.
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page's JavaScript and CSS come from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}


# django-cors-headers: only the course's front-end origins may call from a browser.

CORS_ALLOWED_ORIGINS = env_list(
    "DJANGO_CORS_ALLOWED_ORIGINS", "http://localhost:8080,http://127.0.0.1:8080"
)


# Logging: errors to the console, where gunicorn and runserver collect them.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
