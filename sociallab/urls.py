from django.urls import path  # noqa: F401 - patterns are added as the sociallab pages are built

app_name = "sociallab"

urlpatterns: list = []
