"""The domain's starting synonym list; editors change it under Snippets → 搜索同义词."""

from django.db import migrations

# (broader term or "", terms one per line): without a broader term the terms are equivalent.
STARTING_LIST = [
    ("", "温商\n温州商人\n温州籍商人\n温籍商人"),
    ("", "营业执照\n执照\n牌照\n营业证\n工商执照"),
    ("", "个体户\n个体工商户"),
    ("", "侨批\n银信\n批信\n侨信"),
    ("", "家书\n家信"),
    ("书信", "侨批\n家书\n家信"),
    ("", "供销员\n购销员"),
    ("", "华侨\n侨胞"),
    ("温州人", "温商\n温州商人\n华侨"),
    ("", "merchant\ntrader\nbusiness people\nbusinessman\nbusinessmen\nbusiness owner"),
    ("", "licence\nlicense"),
    ("", "qiaopi\nremittance letter"),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for broader, terms in STARTING_LIST:
        Synonym.objects.get_or_create(broader=broader, terms=terms)


def remove(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for broader, terms in STARTING_LIST:
        Synonym.objects.filter(broader=broader, terms=terms).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonym")]

    operations = [migrations.RunPython(add, remove)]
