from django.urls import path  # noqa: F401 - the area's pages are added here

app_name = "governance"

urlpatterns: list = []
