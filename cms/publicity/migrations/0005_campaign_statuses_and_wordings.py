"""Campaign statuses that followed the dates (进行中, 已结束) become 已批准: the phase is now
computed from the dates. And the starting list of 错敏词与规范表述."""

from django.db import migrations

#: (wrong, correct, severity, exceptions, note)
WORDINGS = [
    ("温委发[2014]27号", "温委发〔2014〕27号", "block", "", "文号用六角括号"),
    ("温委发(2014)27号", "温委发〔2014〕27号", "block", "", "文号用六角括号"),
    ("温委发（2014）27号", "温委发〔2014〕27号", "block", "", "文号用六角括号"),
    ("温委发【2014】27号", "温委发〔2014〕27号", "block", "", "文号用六角括号"),
    ("温委发〔2014〕第27号", "温委发〔2014〕27号", "block", "", "文号不加“第”"),
    ("温委发[2012]81号", "温委发〔2012〕81号", "block", "", "文号用六角括号"),
    ("世界温州商人博物馆", "世界温商博物馆", "block", "", "博物馆全称"),
    ("温州商人博物馆", "世界温商博物馆", "block", "世界温州商人博物馆", "博物馆全称"),
    ("全国温商总会", "全国温州商会总会", "block", "", "商会总会全称"),
    ("温州商会总会", "全国温州商会总会", "warn", "全国温州商会总会", "商会总会全称"),
    ("百名领头羊", "百名领头雁", "block", "", "政策用语"),
    ("温州炒房团", "", "block", "", "带有贬义的标签，不得使用"),
    ("炒房团", "", "block", "温州炒房团", "带有贬义的标签，不得使用"),
    ("温州帮", "温商群体", "block", "", "带有贬义的称呼"),
    ("温洲", "温州", "block", "", "错别字"),
    ("温州市政府", "温州市人民政府", "warn", "", "机关名称用全称"),
    ("温州市委市政府", "中共温州市委、温州市人民政府", "warn", "", "机关名称用全称"),
    ("温商回流", "温商回归", "warn", "", "政策用语"),
    ("三千亿", "3000亿元", "warn", "三千亿元", "数字用阿拉伯数字并带单位"),
    ("3000亿回归", "3000亿元回归投资", "warn", "", "金额带单位"),
    ("温州老板", "温州商人", "warn", "", "正式稿件用“温州商人”或“温商”"),
    ("温商博物馆", "世界温商博物馆", "warn", "世界温商博物馆、温州商人博物馆", "首次出现用全称"),
    ("1+31+X", "“1＋31＋X”", "warn", "", "与政策原文一致，用全角加号并加引号"),
]


def forwards(apps, schema_editor):
    CampaignPage = apps.get_model("publicity", "CampaignPage")
    CampaignPage.objects.filter(status__in=["running", "finished"]).update(status="approved")
    Wording = apps.get_model("publicity", "Wording")
    for wrong, correct, severity, exceptions, note in WORDINGS:
        Wording.objects.get_or_create(
            wrong=wrong,
            defaults={
                "correct": correct,
                "severity": severity,
                "exceptions": exceptions,
                "note": note,
            },
        )


def backwards(apps, schema_editor):
    Wording = apps.get_model("publicity", "Wording")
    Wording.objects.filter(wrong__in=[row[0] for row in WORDINGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("publicity", "0004_review_chain_checks_and_campaign_planning")]

    operations = [migrations.RunPython(forwards, backwards)]
