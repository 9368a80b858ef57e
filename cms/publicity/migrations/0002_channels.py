from django.db import migrations

CHANNELS = [
    ("wechat", "微信", "WeChat"),
    ("weibo", "微博", "Weibo"),
    ("video", "短视频", "Short video"),
    ("tv", "电视", "Television"),
    ("print", "报刊", "Print"),
    ("offline", "线下活动", "Offline events"),
]


def add_channels(apps, schema_editor):
    Channel = apps.get_model("publicity", "Channel")
    for code, name, name_en in CHANNELS:
        Channel.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("publicity", "0001_initial")]

    operations = [migrations.RunPython(add_channels, migrations.RunPython.noop)]
