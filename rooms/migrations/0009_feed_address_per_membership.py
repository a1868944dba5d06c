"""Every member reads the organisation's bookings through an address of their own."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def end_shared_organisation_addresses(apps, schema_editor):
    """The one address per organisation was shared by every member and outlived their
    membership: it ends here (it answers 404); each member creates their own."""
    FeedToken = apps.get_model("rooms", "FeedToken")
    FeedToken.objects.filter(scope="organisation").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('rooms', '0008_remove_booking_log'),
        ('tenants', '0006_changelog_model_label'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(end_shared_organisation_addresses, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='feedtoken',
            name='feedtoken_owner_matches_scope',
        ),
        migrations.RemoveConstraint(
            model_name='feedtoken',
            name='feedtoken_one_active_per_organisation',
        ),
        migrations.RemoveConstraint(
            model_name='feedtoken',
            name='feedtoken_one_active_per_person_and_scope',
        ),
        migrations.AddField(
            model_name='feedtoken',
            name='membership',
            field=models.ForeignKey(blank=True, help_text="An organisation's calendar is read through a member's own address.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='feed_tokens', to='tenants.membership', verbose_name='membership'),
        ),
        migrations.AlterField(
            model_name='feedtoken',
            name='scope',
            field=models.CharField(choices=[('organisation', "Organisation's bookings (a member's own address)"), ('person', 'My bookings'), ('staff', 'All rooms (staff)')], max_length=16, verbose_name='feed'),
        ),
        migrations.AddConstraint(
            model_name='feedtoken',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('membership__isnull', False), ('organisation__isnull', False), ('scope', 'organisation'), ('user__isnull', False)), models.Q(('membership__isnull', True), ('organisation__isnull', True), ('scope__in', ['person', 'staff']), ('user__isnull', False)), _connector='OR'), name='feedtoken_owner_matches_scope'),
        ),
        migrations.AddConstraint(
            model_name='feedtoken',
            constraint=models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True), ('scope', 'organisation')), fields=('membership',), name='feedtoken_one_active_per_membership'),
        ),
        migrations.AddConstraint(
            model_name='feedtoken',
            constraint=models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True), ('scope__in', ['person', 'staff'])), fields=('user', 'scope'), name='feedtoken_one_active_per_person_and_scope'),
        ),
    ]
