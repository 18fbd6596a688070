from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("tout-lire/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("<int:notification_id>/ouvrir/", views.open_link, name="open"),
    path("<int:notification_id>/lue/", views.mark_read, name="mark_read"),
    path("<int:notification_id>/archiver/", views.archive, name="archive"),
    path("<int:notification_id>/desarchiver/", views.unarchive, name="unarchive"),
]
