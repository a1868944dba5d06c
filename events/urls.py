from django.urls import path  # noqa: F401 - patterns are added as the events pages are built

app_name = "events"

urlpatterns: list = []
