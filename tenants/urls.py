from django.urls import path  # noqa: F401 - patterns are added as the tenants pages are built

app_name = "tenants"

urlpatterns: list = []
