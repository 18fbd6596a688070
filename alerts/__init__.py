"""Notifications to people: alert rules run by Celery beat, the inbox, delivery by channel with an
outbox, and the agencies' publishing back-office and API. Highest product layer."""
