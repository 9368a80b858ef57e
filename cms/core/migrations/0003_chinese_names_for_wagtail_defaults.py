"""Chinese names for what Wagtail's own migrations create in English.

Editors see these names in the page explorer ("Root"), the image and document collections,
the workflow reports ("Moderators approval"). Only names still at Wagtail's default are
changed, so a name someone has already chosen is kept. Wagtail's default groups are not
renamed: ``setup_roles`` deletes them.
"""

from django.db import migrations

# (model, field, Wagtail's name, ours)
RENAMES = [
    ("wagtailcore", "Page", "title", "Root", "根目录"),
    ("wagtailcore", "Page", "draft_title", "Root", "根目录"),
    ("wagtailcore", "Collection", "name", "Root", "根目录"),
    ("wagtailcore", "Workflow", "name", "Moderators approval", "默认审核"),
    ("wagtailcore", "Task", "name", "Moderators approval", "审核员审批"),
]


def rename(apps, from_index, to_index):
    for app_label, model_name, field, *names in RENAMES:
        model = apps.get_model(app_label, model_name)
        old, new = names[from_index], names[to_index]
        rows = model.objects.filter(**{field: old})
        if model_name in ("Page", "Collection"):
            rows = rows.filter(depth=1)  # only the root, never a page someone titled "Root"
        elif model.objects.filter(**{field: new}).exists():
            continue  # group names are unique: keep an existing group of that name as it is
        rows.update(**{field: new})


def forwards(apps, schema_editor):
    rename(apps, 0, 1)


def backwards(apps, schema_editor):
    rename(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_english_locale"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
