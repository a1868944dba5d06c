"""The districts of Kassel's city centre, as simplified outlines for the network's own map.

Corners are ``[longitude, latitude]``, drawn by hand from the districts' rough
shape and position (a schematic map, not a survey): enough to place each actor
in its district without asking any map service.
"""

from django.db import migrations

DISTRICTS = [
    (
        "mitte",
        "Mitte",
        [[9.483, 51.323], [9.5, 51.325], [9.51, 51.318], [9.505, 51.308], [9.488, 51.308], [9.48, 51.315]],
    ),
    (
        "nord-holland",
        "Nord-Holland",
        [[9.476, 51.330], [9.482, 51.338], [9.5, 51.338], [9.505, 51.327], [9.5, 51.325], [9.483, 51.323]],
    ),
    (
        "wesertor",
        "Wesertor",
        [[9.505, 51.327], [9.5, 51.338], [9.52, 51.336], [9.52, 51.32], [9.51, 51.318], [9.5, 51.325]],
    ),
    (
        "rothenditmold",
        "Rothenditmold",
        [[9.458, 51.324], [9.462, 51.334], [9.476, 51.33], [9.483, 51.323], [9.48, 51.315], [9.47, 51.318]],
    ),
    (
        "vorderer-westen",
        "Vorderer Westen",
        [[9.458, 51.324], [9.47, 51.318], [9.48, 51.315], [9.488, 51.308], [9.476, 51.304], [9.458, 51.305]],
    ),
    (
        "wehlheiden",
        "Wehlheiden",
        [[9.458, 51.305], [9.476, 51.304], [9.48, 51.295], [9.466, 51.289], [9.454, 51.295]],
    ),
    (
        "suedstadt",
        "Südstadt",
        [[9.476, 51.304], [9.488, 51.308], [9.505, 51.308], [9.502, 51.296], [9.48, 51.295]],
    ),
    (
        "unterneustadt",
        "Unterneustadt",
        [[9.51, 51.318], [9.52, 51.32], [9.528, 51.314], [9.522, 51.304], [9.505, 51.308]],
    ),
    (
        "bettenhausen",
        "Bettenhausen",
        [[9.52, 51.336], [9.542, 51.331], [9.542, 51.31], [9.528, 51.314], [9.52, 51.32]],
    ),
]


def add_districts(apps, schema_editor):
    district_model = apps.get_model("network", "District")
    for position, (slug, name, outline) in enumerate(DISTRICTS):
        district_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "outline": outline, "position": position}
        )


def remove_districts(apps, schema_editor):
    district_model = apps.get_model("network", "District")
    district_model.objects.filter(slug__in=[slug for slug, _name, _outline in DISTRICTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_add_network_actors_topics_rounds_board_newsletter")]

    operations = [migrations.RunPython(add_districts, remove_districts)]
