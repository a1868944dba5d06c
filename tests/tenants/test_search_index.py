"""The directory search is served by an index on PostgreSQL, not by scanning every service."""

import pytest
from django.db import connection

from tenants.models import Service
from tests.tenants.factories import ServiceFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_search_uses_the_trigram_index():
    ServiceFactory.create_batch(30)
    queryset = Service.objects.search("schuldner")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "tenants_service_search_trgm" in plan
