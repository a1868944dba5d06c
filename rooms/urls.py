from django.urls import path  # noqa: F401 - patterns are added as the rooms pages are built

app_name = "rooms"

urlpatterns: list = []
