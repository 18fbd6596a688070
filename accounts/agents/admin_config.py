"""django.contrib.admin's app config with our admin site (kept apart: an app config imports no model)."""

from django.contrib.admin.apps import AdminConfig


class AgentAdminConfig(AdminConfig):
    """`admin.site` is AgentAdminSite: the agents' login, TOTP and lock-out; off unless ADMIN_ENABLED."""

    default_site = "accounts.agents.admin_site.AgentAdminSite"
