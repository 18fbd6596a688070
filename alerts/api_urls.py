from django.urls import path

from alerts.api import views

urlpatterns = [
    path("publications/", views.PublicationListCreate.as_view(), name="notifications-publications"),
    path(
        "publications/<int:publication_id>/",
        views.PublicationDetail.as_view(),
        name="notifications-publication",
    ),
]
