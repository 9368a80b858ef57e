"""Controlled vocabularies shared by content types and search facets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WenzhouCounty(models.TextChoices):
    """The twelve county-level divisions of Wenzhou."""

    LUCHENG = "lucheng", _("鹿城区")
    LONGWAN = "longwan", _("龙湾区")
    OUHAI = "ouhai", _("瓯海区")
    DONGTOU = "dongtou", _("洞头区")
    RUIAN = "ruian", _("瑞安市")
    YUEQING = "yueqing", _("乐清市")
    LONGGANG = "longgang", _("龙港市")
    YONGJIA = "yongjia", _("永嘉县")
    PINGYANG = "pingyang", _("平阳县")
    CANGNAN = "cangnan", _("苍南县")
    WENCHENG = "wencheng", _("文成县")
    TAISHUN = "taishun", _("泰顺县")


class Province(models.TextChoices):
    """The 31 provincial-level divisions of mainland China, each with a Wenzhou chamber."""

    BEIJING = "beijing", _("北京市")
    TIANJIN = "tianjin", _("天津市")
    HEBEI = "hebei", _("河北省")
    SHANXI = "shanxi", _("山西省")
    NEIMENGGU = "neimenggu", _("内蒙古自治区")
    LIAONING = "liaoning", _("辽宁省")
    JILIN = "jilin", _("吉林省")
    HEILONGJIANG = "heilongjiang", _("黑龙江省")
    SHANGHAI = "shanghai", _("上海市")
    JIANGSU = "jiangsu", _("江苏省")
    ZHEJIANG = "zhejiang", _("浙江省")
    ANHUI = "anhui", _("安徽省")
    FUJIAN = "fujian", _("福建省")
    JIANGXI = "jiangxi", _("江西省")
    SHANDONG = "shandong", _("山东省")
    HENAN = "henan", _("河南省")
    HUBEI = "hubei", _("湖北省")
    HUNAN = "hunan", _("湖南省")
    GUANGDONG = "guangdong", _("广东省")
    GUANGXI = "guangxi", _("广西壮族自治区")
    HAINAN = "hainan", _("海南省")
    CHONGQING = "chongqing", _("重庆市")
    SICHUAN = "sichuan", _("四川省")
    GUIZHOU = "guizhou", _("贵州省")
    YUNNAN = "yunnan", _("云南省")
    XIZANG = "xizang", _("西藏自治区")
    SHAANXI = "shaanxi", _("陕西省")
    GANSU = "gansu", _("甘肃省")
    QINGHAI = "qinghai", _("青海省")
    NINGXIA = "ningxia", _("宁夏回族自治区")
    XINJIANG = "xinjiang", _("新疆维吾尔自治区")


class Industry(models.TextChoices):
    FOOTWEAR_APPAREL = "footwear_apparel", _("鞋服时尚")
    ELECTRICAL = "electrical", _("电气装备")
    AUTO_PARTS = "auto_parts", _("汽车零部件")
    PUMPS_VALVES = "pumps_valves", _("泵阀")
    DIGITAL_ECONOMY = "digital_economy", _("数字经济")
    NEW_ENERGY = "new_energy", _("新能源")
    NEW_MATERIALS = "new_materials", _("新材料")
    BIOMEDICINE = "biomedicine", _("生物医药")
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("高端装备制造")
    MODERN_SERVICES = "modern_services", _("现代服务业")
    TRADE_LOGISTICS = "trade_logistics", _("商贸物流")
    CULTURE_TOURISM = "culture_tourism", _("文化旅游")
    REAL_ESTATE = "real_estate", _("城市建设")
    AGRICULTURE = "agriculture", _("现代农业")
    FINANCE = "finance", _("金融投资")
