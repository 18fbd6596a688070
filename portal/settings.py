"""Settings of Mes Droits, all read from the environment (see README, "Configuration").

A `.env` file at the project root (or the file named by ENV_FILE), if present, is read first (`make run` writes one for the demo).
Every reader fails loudly on a malformed value, naming the variable.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from portal.env import (
    env_bool,
    env_database,
    env_email,
    env_float,
    env_int,
    env_list,
    env_redis_url,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# ENV_FILE="" reads no file (the test suite does so, whatever a developer's .env says).
_env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if _env_file:
    environ.Env.read_env(_env_file, overwrite=False)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-only-for-debug" if DEBUG else None, required=not DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Absolute links in e-mails and invitations; the demo's default follows the port `make run` serves on.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('WEB_PORT', 8000, minimum=1, maximum=65535)}")

INSTALLED_APPS = [
    "accounts.agents.admin_config.AgentAdminConfig",  # django.contrib.admin behind the agents' login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "widget_tweaks",
    "dsfr",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # ReDoc's files, served by the project (no CDN, see the CSP)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "portal",
    "accounts",
    "agencies",
    "rights",
    "simulator",
    "alerts",
    "stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionAbsoluteTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite is the embedded default for the demo on a bare machine; tests and production use PostgreSQL.
# SQLite's options (WAL, busy timeout, IMMEDIATE transactions) come with it: see portal.env.SQLITE_OPTIONS.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
if not DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.franceconnect.backend.FranceConnectBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "home"
LOGIN_REDIRECT_URL = "agencies:after_login"

# --- FranceConnect (citizens) --------------------------------------------------------------------
# The same code serves the real integration platform, production, our sandbox or any compliant
# OpenID provider: only the issuer (its discovery document gives the endpoints) and the client change.
FRANCECONNECT_ISSUER = env_str(
    "FRANCECONNECT_ISSUER",
    f"http://127.0.0.1:{env_int('SANDBOX_FC_PORT', 8001)}/api/v2" if DEBUG else None,
    required=not DEBUG,
).rstrip("/")
FRANCECONNECT_DISCOVERY_URL = env_str(
    "FRANCECONNECT_DISCOVERY_URL", f"{FRANCECONNECT_ISSUER}/.well-known/openid-configuration"
)
# Explicit endpoints, when the provider publishes no discovery document; each overrides discovery.
FRANCECONNECT_ENDPOINTS = {
    name: env_str(f"FRANCECONNECT_{name.upper()}", "")
    for name in (
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "end_session_endpoint",
    )
}
OIDC_RP_CLIENT_ID = env_str(
    "FRANCECONNECT_CLIENT_ID", "mesdroits-demo" if DEBUG else None, required=not DEBUG
)
OIDC_RP_CLIENT_SECRET = env_str(
    "FRANCECONNECT_CLIENT_SECRET",
    "mesdroits-demo-secret-for-the-local-sandbox-only-0123456789abcdef" if DEBUG else None,
    required=not DEBUG,
)
OIDC_RP_SIGN_ALGO = env_str("FRANCECONNECT_SIGN_ALGO", "ES256")
if OIDC_RP_SIGN_ALGO not in {"ES256", "RS256"}:
    raise ImproperlyConfigured(
        f"FRANCECONNECT_SIGN_ALGO={OIDC_RP_SIGN_ALGO!r}: FranceConnect signs with ES256 or RS256."
    )
# Identity scopes, then the data scopes of the "API FranceConnectées" (API Particulier, DGFiP): the
# person agrees at FranceConnect, and the agencies read them from checktoken.
OIDC_RP_SCOPES = env_str(
    "FRANCECONNECT_SCOPES",
    "openid given_name family_name birthdate gender birthplace birthcountry email preferred_username "
    "cnaf_quotient_familial cnaf_allocataires cnaf_enfants cnaf_adresse "
    "revenu_solidarite_active revenu_solidarite_active_majoration prime_activite prime_activite_majoration "
    "allocation_adulte_handicape allocation_soutien_familial allocation_enfant_handicape "
    "complementaire_sante_solidaire cnous_statut_boursier cnous_echelon_bourse cnous_periode_versement "
    "cnous_statut_bourse mesri_identite mesri_admission mesri_inscription_etudiant mesri_etablissements "
    "dgfip_rfr dgfip_nbpart dgfip_sitfam dgfip_nbpac",
)
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": "eidas1", "prompt": "login consent"}
FRANCECONNECT_MINIMUM_ACR = "eidas1"
OIDC_TIMEOUT = env_float("FRANCECONNECT_TIMEOUT", 10.0, minimum=0.5)
OIDC_STATE_SIZE = 43
OIDC_NONCE_SIZE = 43
FRANCECONNECT_STATE_TTL_SECONDS = env_int("FRANCECONNECT_STATE_TTL_SECONDS", 600, minimum=60)
FRANCECONNECT_JWKS_CACHE_SECONDS = env_int("FRANCECONNECT_JWKS_CACHE_SECONDS", 3600, minimum=0)
FRANCECONNECT_CLOCK_SKEW_SECONDS = env_int("FRANCECONNECT_CLOCK_SKEW_SECONDS", 30, minimum=0)
OIDC_STORE_ID_TOKEN = True  # for id_token_hint at logout
OIDC_STORE_ACCESS_TOKEN = True  # API Particulier's FranceConnect mode takes the person's access token
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "franceconnect_login"

# --- Agency APIs (API Particulier, API Impôt particulier) -----------------------------------------
_agencies_sandbox = f"http://127.0.0.1:{env_int('SANDBOX_AGENCIES_PORT', 8002)}"
AGENCIES_API_PARTICULIER_URL = env_str("AGENCIES_API_PARTICULIER_URL", _agencies_sandbox if DEBUG else None)
AGENCIES_API_PARTICULIER_TOKEN = env_str(
    "AGENCIES_API_PARTICULIER_TOKEN", "mesdroits-agencies-sandbox-token" if DEBUG else None
)
AGENCIES_RECIPIENT_SIRET = env_str("AGENCIES_RECIPIENT_SIRET", "13002526500013")
if not (AGENCIES_RECIPIENT_SIRET.isdigit() and len(AGENCIES_RECIPIENT_SIRET) == 14):
    raise ImproperlyConfigured(
        f"AGENCIES_RECIPIENT_SIRET={AGENCIES_RECIPIENT_SIRET!r} is not a 14-digit SIRET."
    )
AGENCIES_IMPOT_PARTICULIER_URL = env_str(
    "AGENCIES_IMPOT_PARTICULIER_URL", f"{_agencies_sandbox}/impotparticulier/1.0" if DEBUG else None
)
AGENCIES_IMPOT_PARTICULIER_TOKEN_URL = env_str(
    "AGENCIES_IMPOT_PARTICULIER_TOKEN_URL", f"{_agencies_sandbox}/token" if DEBUG else None
)
AGENCIES_IMPOT_PARTICULIER_CLIENT_ID = env_str(
    "AGENCIES_IMPOT_PARTICULIER_CLIENT_ID", "mesdroits-dgfip" if DEBUG else None
)
AGENCIES_IMPOT_PARTICULIER_CLIENT_SECRET = env_str(
    "AGENCIES_IMPOT_PARTICULIER_CLIENT_SECRET", "mesdroits-dgfip-sandbox-secret" if DEBUG else None
)
# One timeout for every agency call; retries (transient errors only) happen in one layer.
AGENCIES_HTTP_TIMEOUT = env_float("AGENCIES_HTTP_TIMEOUT", 5.0, minimum=0.1)
AGENCIES_HTTP_RETRIES = env_int("AGENCIES_HTTP_RETRIES", 2, minimum=0, maximum=5)
AGENCIES_HTTP_BACKOFF_SECONDS = env_float("AGENCIES_HTTP_BACKOFF_SECONDS", 0.2)
AGENCIES_BREAKER_FAILURES = env_int("AGENCIES_BREAKER_FAILURES", 3, minimum=1)
AGENCIES_BREAKER_RESET_SECONDS = env_int("AGENCIES_BREAKER_RESET_SECONDS", 60, minimum=1)
AGENCIES_FETCH_THREADS = env_int("AGENCIES_FETCH_THREADS", 16, minimum=1, maximum=64)
AGENCIES_JOURNAL_RETENTION_DAYS = env_int("AGENCIES_JOURNAL_RETENTION_DAYS", 365, minimum=365)

# --- Rights (catalogue, 360° view, right to error) ------------------------------------------------
# Seconds each request of `manage.py rights_check_links` may take.
RIGHTS_LINK_CHECK_TIMEOUT = env_float("RIGHTS_LINK_CHECK_TIMEOUT", 10.0, minimum=0.5)
# How many France Services sites "Se faire aider près de chez moi" lists.
RIGHTS_FRANCE_SERVICES_NEAREST = env_int("RIGHTS_FRANCE_SERVICES_NEAREST", 5, minimum=1, maximum=20)
# Periodic tasks of the rights app; the Celery block below merges them into CELERY_BEAT_SCHEDULE
# (defined there, after this block).
RIGHTS_BEAT_SCHEDULE = {
    "rights-statuses-refresh": {"task": "rights.statuses_refresh", "schedule": 24 * 3600},
}

# --- Simulator (OpenFisca) ------------------------------------------------------------------------
# Days an anonymous person's resume link (and the answers behind it) is kept.
SIMULATOR_RESUME_LINK_DAYS = env_int("SIMULATOR_RESUME_LINK_DAYS", 30, minimum=1, maximum=365)


def _rate(name: str, default: str) -> str:
    """A rate as "N/unit" (s, m, h or d; "min", "hour", "day" too), read by DRF and django-ratelimit."""
    value = env_str(name, default)
    if not re.fullmatch(r"[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name}={value!r}: expected a rate such as 10/h (s, m, h or d).")
    return value


# "Envoyer le récapitulatif" sends mail to any address: bounded per session, client IP and recipient.
SIMULATOR_RECAP_EMAIL_RATE_SESSION = _rate("SIMULATOR_RECAP_EMAIL_RATE_SESSION", "3/h")
SIMULATOR_RECAP_EMAIL_RATE_IP = _rate("SIMULATOR_RECAP_EMAIL_RATE_IP", "10/h")
SIMULATOR_RECAP_EMAIL_RATE_ADDRESS = _rate("SIMULATOR_RECAP_EMAIL_RATE_ADDRESS", "3/d")
# POST /api/simulateur/simulation/ costs CPU seconds: anonymous callers per client IP, partners per token.
SIMULATOR_API_ANON_RATE = _rate("SIMULATOR_API_ANON_RATE", "30/h")
SIMULATOR_API_PARTNER_RATE = _rate("SIMULATOR_API_PARTNER_RATE", "60/min")
# The what-if's computations go to this queue when set (a worker pool of their own), else the default.
SIMULATOR_WHATIF_QUEUE = env_str("SIMULATOR_WHATIF_QUEUE", "")
# Periodic tasks of the simulator; to be merged into CELERY_BEAT_SCHEDULE by the Celery block below
# (which is defined after this block), as RIGHTS_BEAT_SCHEDULE is.
SIMULATOR_BEAT_SCHEDULE = {
    "simulator-resume-links-purge": {"task": "simulator.resume_links_purge", "schedule": 24 * 3600},
    "simulator-rescreening-incremental": {
        "task": "simulator.rescreening_incremental",
        "schedule": crontab(minute=0, hour=3),
    },
    "simulator-rescreening-sweep": {"task": "simulator.rescreening_sweep", "schedule": 300},
}
# Members per re-screening chunk; a worker stays under 1 GB whatever their variants (the estimate
# is in simulator/rescreening/__init__.py).
SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS = env_int("SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS", 500, minimum=1)
# Re-screening tasks go to this queue when set (a worker pool of its own), else to the default one.
SIMULATOR_RESCREENING_QUEUE = env_str("SIMULATOR_RESCREENING_QUEUE", "")

# --- Alerts and agency notifications --------------------------------------------------------------
# Alert tasks go to ALERTS_QUEUE when set (a dedicated worker pool for big mailings), else to the
# default queue.
ALERTS_QUEUE = env_str("ALERTS_QUEUE", "")
ALERTS_EMAIL_MAX_ATTEMPTS = env_int("ALERTS_EMAIL_MAX_ATTEMPTS", 6, minimum=1, maximum=20)
ALERTS_RETRY_BACKOFF_SECONDS = env_float("ALERTS_RETRY_BACKOFF_SECONDS", 30.0, minimum=0.01)
# A claimed delivery whose worker died is re-taken after this lease; keep it above CELERY_TASK_TIME_LIMIT.
ALERTS_DELIVERY_LEASE_SECONDS = env_int("ALERTS_DELIVERY_LEASE_SECONDS", 300, minimum=1)
# The sweeper re-queues a delivery still pending this long after it was queued (lost by the broker).
ALERTS_SWEEP_AFTER_SECONDS = env_int("ALERTS_SWEEP_AFTER_SECONDS", 600, minimum=1)
ALERTS_SWEEP_INTERVAL_SECONDS = env_int("ALERTS_SWEEP_INTERVAL_SECONDS", 120, minimum=1)
ALERTS_RULES_INTERVAL_SECONDS = env_int("ALERTS_RULES_INTERVAL_SECONDS", 3600, minimum=60)
ALERTS_AFTER_FETCH_DELAY_SECONDS = env_int("ALERTS_AFTER_FETCH_DELAY_SECONDS", 5, minimum=0)
# Per agency token, DRF's rate syntax ("120/min").
ALERTS_API_RATE = env_str("ALERTS_API_RATE", "120/min")
ALERTS_API_MAX_MEMBERS = env_int("ALERTS_API_MAX_MEMBERS", 1000, minimum=1)
# Periodic tasks of the alerts; merged into CELERY_BEAT_SCHEDULE by the Celery block below, as
# RIGHTS_BEAT_SCHEDULE is.
ALERTS_BEAT_SCHEDULE = {
    "alerts-rules": {"task": "alerts.rules_run", "schedule": ALERTS_RULES_INTERVAL_SECONDS},
    "alerts-sweep": {"task": "alerts.sweep", "schedule": ALERTS_SWEEP_INTERVAL_SECONDS},
}

# --- Public statistics (/stats/) ------------------------------------------------------------------
# The page reads the latest snapshot, which this periodic task recomputes; merged into
# CELERY_BEAT_SCHEDULE by the Celery block below, as RIGHTS_BEAT_SCHEDULE is.
STATS_BEAT_SCHEDULE = {
    "stats-snapshot": {"task": "stats.snapshot_compute", "schedule": 3600},
}

# --- API (DRF + drf-spectacular) ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "rest_framework.views.exception_handler",
    "UNAUTHENTICATED_USER": None,
    # Client IPs for throttling: REMOTE_ADDR, or the address that many proxies in front appended to
    # X-Forwarded-For (DRF's default, None, would trust a header any client can forge).
    "NUM_PROXIES": env_int("NUM_PROXIES", 0, minimum=0, maximum=5),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mes Droits — API",
    "DESCRIPTION": "API des partenaires : simulateur de droits et publication de notifications par les organismes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",
}

# --- Agency agents (django-allauth): e-mail + password + TOTP, no self-signup ---------------------
ACCOUNT_ADAPTER = "accounts.agents.adapter.AgentAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "none"  # agents are invited to a known address by their administrator
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
# Failed logins are throttled per address and per account for a bounded time: an attacker can slow
# a real agent down for minutes, never lock them out for good.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("AGENT_LOGIN_FAILED_RATE_LIMIT", "20/m/ip,5/15m/key"),
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mes Droits"
# One 30-second step of drift either way (RFC 6238 §5.2): a code typed as it rolls over, or on a
# phone a few seconds off, is still accepted.
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {  # the same forms, keeping a used code refused for as long as it is accepted
    "authenticate": "accounts.agents.forms.AgentAuthenticateForm",
    "reauthenticate": "accounts.agents.forms.AgentReauthenticateForm",
}
AGENT_LOGIN_REDIRECT_URL = "/agents/"
# Django's admin (/admin/): off unless set; when on, only staff agents past the agents' login, TOTP
# and lock-out get in (accounts.agents.admin_site). The demo has it on.
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", DEBUG)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Redis and Celery -----------------------------------------------------------------------------
REDIS_URL = env_redis_url("REDIS_URL", "redis://127.0.0.1:6379/0")
# The cache (sessions' rate limits, JWKS, circuit breakers) may live in another Redis database.
CACHE_REDIS_URL = env_redis_url("CACHE_REDIS_URL", REDIS_URL)
CELERY_BROKER_URL = env_redis_url("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_redis_url("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "mesdroits")
# Time limits are set once, here, for every task; a task needing more says why in its own options.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 150, minimum=1)
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 2, minimum=1)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Each app's block above declares its periodic tasks; django-celery-beat stores them in the database.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "agencies-journal-purge": {"task": "agencies.journal_purge", "schedule": 24 * 3600},
    "accounts-sessions-purge": {"task": "accounts.sessions_purge", "schedule": 3600},
    **RIGHTS_BEAT_SCHEDULE,
    **SIMULATOR_BEAT_SCHEDULE,
    **ALERTS_BEAT_SCHEDULE,
    **STATS_BEAT_SCHEDULE,
}
HEALTH_CHECK_TIMEOUT = env_float("HEALTH_CHECK_TIMEOUT", 1.0, minimum=0.1)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_REDIS_URL,
        "OPTIONS": {"pool_class": "portal.cache.SharedConnectionPool"},
        "KEY_PREFIX": "mesdroits",
        "TIMEOUT": 300,
    }
}

# --- E-mail ---------------------------------------------------------------------------------------
_email = env_email("EMAIL_URL", "consolemail://" if DEBUG else "smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
if "EMAIL_FILE_PATH" in _email:
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mes Droits <ne-pas-repondre@mesdroits.beta.gouv.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Sessions and security ------------------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is then an idle timeout
# However active, a session ends this long after its login (accounts.sessions), citizens' and agents'.
SESSION_ABSOLUTE_TIMEOUT_SECONDS = env_int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 3600, minimum=300)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
HTTPS = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", HTTPS) else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The health check answers load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Scripts run only from our origin or with the per-request nonce that django-dsfr's templates carry.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # The DSFR's script animates components through style attributes; <style> stays forbidden.
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        # Chromium applies form-action to the redirects that follow a form: the login and logout forms
        # end at FranceConnect.
        "form-action": [SELF, _origin(FRANCECONNECT_ISSUER), *env_list("CSP_FORM_ACTION_EXTRA", [])],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging --------------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# Every handler redacts identity and secrets (agency call URLs carry the identité pivot; OAuth
# URLs carry codes, states and tokens): any handler added here must list the "redact" filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "agencies.connectors.redaction.RedactingFilter"}},
    # UTC, with its offset, in every process (portal.logs): Django would stamp Paris time, unsaid.
    "formatters": {
        "plain": {
            "()": "portal.logs.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's defaults give these their own, unfiltered handlers: the root's redacting one instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        # Celery leaves a configured task logger alone instead of adding its own handler.
        "celery.task": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
# Celery's worker would otherwise replace the root logger's handlers, and with them the redaction.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
