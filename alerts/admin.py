from django.contrib import admin, messages

from alerts.models import AgencyApiToken, Delivery, Notification, Publication
from alerts.services.delivery import deliveries_replay


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["dedup_key", "user", "category", "organism", "created_at", "read_at", "archived_at"]
    list_filter = ["category", "kind", "organism"]
    search_fields = ["dedup_key", "title"]
    raw_id_fields = ["user", "publication"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "channel"]
    raw_id_fields = ["notification"]
    actions = ["replay"]

    @admin.action(description="Relancer les envois en échec")
    def replay(self, request, queryset) -> None:
        count = deliveries_replay(delivery_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} envoi(s) relancé(s).", messages.SUCCESS)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "via", "audience", "status", "scheduled_at", "recipient_count"]
    list_filter = ["agency", "status", "via"]
    raw_id_fields = ["author"]


@admin.register(AgencyApiToken)
class AgencyApiTokenAdmin(admin.ModelAdmin):
    list_display = ["agency", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["agency"]
    readonly_fields = ["token_hash", "prefix"]
