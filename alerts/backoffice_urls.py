from django.urls import path

from alerts import backoffice

app_name = "publications"
urlpatterns = [
    path("", backoffice.publication_list, name="list"),
    path("nouvelle/", backoffice.publication_compose, name="compose"),
    path("<int:publication_id>/", backoffice.publication_detail, name="detail"),
    path("<int:publication_id>/relancer/", backoffice.publication_replay, name="replay"),
]
