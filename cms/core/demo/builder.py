"""Builds the demo site from the data modules. Every object is keyed on a stable slug or code,
so running the build again finds what exists and creates nothing twice."""

import datetime
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    ReferenceIndex,
    Site,
)
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.chambers.models import ChamberIndexPage, ChamberLevel, ChamberPage
from cms.core.choices import Industry, Province, WenzhouCounty
from cms.core.models import HomePage, SiteSettings, StandardPage
from cms.core.sites import public_address
from cms.events.models import EventIndexPage, EventPage
from cms.projects.models import ProjectIndexPage, ProjectPage, ProjectProgressUpdate, ProjectStage
from cms.publicity.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignRelatedPage,
    Channel,
    NewsIndexPage,
    NewsPage,
)
from museum.models import (
    ArtifactImage,
    ArtifactPage,
    CollectionIndexPage,
    ExhibitPage,
    HallPage,
    MerchantBusinessLocation,
    MerchantHistoryPage,
    MerchantIndexPage,
    MerchantLifeEvent,
    MuseumPage,
    RightsStatement,
    TimelineMilestone,
    TimelinePage,
)

from . import artifact_data, english_data, geo, merchant_data, museum_data, platform_data
from .history import log_publications
from .images import ImageLibrary, seeded

SITE_NAME = "世界温商博物馆"
HOME_SLUG = "home"

# Index pages under home: key -> (model, slug, title, intro)
INDEXES = {
    "news": (NewsIndexPage, "news", "新闻动态", "温商回归与博物馆的最新消息。"),
    "campaigns": (CampaignIndexPage, "campaigns", "宣传活动", "温商回归主题宣传活动的策划与进展。"),
    "projects": (
        ProjectIndexPage,
        "projects",
        "招商项目",
        "面向温商的投资项目，重点项目配备服务专员。",
    ),
    "chambers": (
        ChamberIndexPage,
        "chambers",
        "商会网络",
        "“1+31+X”温州商会网络：一个全国联合会、31个省级商会和众多地市级商会。",
    ),
    "events": (EventIndexPage, "tours", "回乡考察", "每月二至三批温商回乡投资考察团。"),
}
MUSEUM_INDEXES = {
    "collection": (
        CollectionIndexPage,
        "collection",
        "馆藏精品",
        "来自世界各地温州人捐赠的文书、照片、工具、产品与招牌。",
    ),
    "merchants": (
        MerchantIndexPage,
        "merchants",
        "温商人物",
        "温商的人生故事。本栏目人物均为虚构的示例内容。",
    ),
}

# Campaign talking points and other working papers of the publicity department.
INTERNAL_COLLECTION = "宣传内部资料"


def rich(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def block(kind, value):
    return {"type": kind, "value": value}


def paragraph(*texts):
    return block("paragraph", rich(*texts))


def heading(text, level="h2"):
    return block("heading", {"text": text, "level": level})


def quote(text, attribution=""):
    return block("quote", {"text": text, "attribution": attribution})


def image_value(image, caption=""):
    return {
        "image": {
            "image": image.pk,
            "alt_text": image.description or image.title,
            "decorative": False,
        },
        "caption": caption,
    }


def image(image_obj, caption=""):
    return block("image", image_value(image_obj, caption))


def gallery(title, items):
    return block(
        "gallery", {"title": title, "images": [image_value(img, cap) for img, cap in items]}
    )


def artifact_embed(page, note=""):
    return block("artifact", {"artifact": page.pk, "note": note})


def timeline(title, entries):
    return block(
        "timeline",
        {"title": title, "entries": [{"year": y, "title": t, "text": x} for y, t, x in entries]},
    )


def map_block(title, names, notes=None):
    places = []
    for name in names:
        lat, lng, country = geo.PLACES[name]
        note = (notes or {}).get(name, country)
        places.append({"name": name, "latitude": lat, "longitude": lng, "note": note})
    return block("map", {"title": title, "places": places})


def english_map(raw, title):
    """An English copy of a map block: place names and countries in English (other notes dropped)."""
    places = [
        {
            **place,
            "name": geo.PLACE_EN.get(place["name"], place["name"]),
            "note": geo.COUNTRY_EN.get(place["note"], ""),
        }
        for place in raw["value"]["places"]
    ]
    return block("map", {**raw["value"], "title": title, "places": places})


@contextmanager
def deferred_indexing():
    """Skip the per-save search and reference index updates while the demo is built.

    A page is saved three times on its way to being published; indexing it each time
    would triple the work. The command indexes everything once at the end instead.
    """
    models = [
        m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def pinyin_from_slug(slug):
    return " ".join(part.capitalize() for part in slug.split("-"))


def county_label(value):
    return WenzhouCounty(value).label


class DemoBuilder:
    def __init__(self, log=print):
        self.log = log
        self.zh = Locale.objects.get(language_code="zh-hans")
        self.en = Locale.objects.get(language_code="en")
        self.images = ImageLibrary()
        self.created = Counter()
        self.pages = {}
        self.new_pages = []

    # -- generic helpers -------------------------------------------------------------------

    def child(self, parent, model, slug, live=True, **fields):
        """The child of `parent` with this slug, created (and published) if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = model(slug=slug, locale=parent.locale, live=live, **fields)
        parent.add_child(instance=page)
        revision = page.save_revision(log_action=False)
        if live:
            revision.publish(log_action=False)
        self.created[model.__name__] += 1
        self.new_pages.append(page)
        return page

    def scene(self, key, title, description, label=""):
        return self.images.scene(f"scene-{key}", title, description, label)

    # -- the tree ---------------------------------------------------------------------------

    def build(self):
        """Everything in the demo; run inside ``deferred_indexing()``, then ``finish()``."""
        home = self.home()
        self.site_settings()
        # The sections under home make the main menu, the museum first.
        museum = self.museum(home)
        indexes = {
            key: self.child(home, model, slug, title=title, intro=intro, show_in_menus=True)
            for key, (model, slug, title, intro) in INDEXES.items()
        }
        halls = self.halls(museum)
        museum_indexes = {
            key: self.child(museum, model, slug, title=title, intro=intro)
            for key, (model, slug, title, intro) in MUSEUM_INDEXES.items()
        }
        chambers = self.chambers(indexes["chambers"])
        merchants = self.merchants(museum_indexes["merchants"], chambers)
        artifacts = self.artifacts(museum_indexes["collection"], halls, merchants)
        self.exhibits(halls, artifacts)
        self.timeline(museum, halls)
        projects = self.projects(indexes["projects"])
        campaigns = self.campaigns(indexes["campaigns"], museum, projects)
        self.news(indexes["news"], campaigns)
        self.events(indexes["events"], projects, campaigns)
        about = self.child(
            home,
            StandardPage,
            "about",
            title=platform_data.ABOUT["title"],
            show_in_menus=True,
            intro=platform_data.ABOUT["intro"],
            body=[heading("本站简介"), paragraph(*platform_data.ABOUT["paragraphs"])],
        )
        self.pages.update(
            home=home, museum=museum, about=about, halls=halls, **indexes, **museum_indexes
        )
        self.english()
        return self.created

    def finish(self):
        """Record the references and publications of the pages created (skipped while building)."""
        for page in self.new_pages:
            ReferenceIndex.create_or_update_for_object(page)
        log_publications(self.new_pages)

    def home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale=self.zh).first()
        if home is None:
            # Replace Wagtail's welcome page; the default Site goes with it and is recreated below.
            for page in root.get_children().exclude(locale=self.en).specific():
                if not isinstance(page, HomePage):
                    page.delete()
            root.refresh_from_db()
            hero = self.scene(
                "home", "瓯江两岸的温州城", "瓯江两岸的温州城市风光，江面开阔，远处群山与高楼相映"
            )
            home = HomePage(
                title="世界温商博物馆与信息平台",
                slug=HOME_SLUG,
                locale=self.zh,
                intro="讲述温商走向世界的历史，服务温商回归家乡的创业：商人回归、资本回归、人才回归。",
                listing_image=hero,
                goal_amount=Decimal("3000"),
                body=[
                    heading("温商回归"),
                    paragraph(
                        "温州人“敢为人先、特别能创业”。在国内，温州人创办的企业遍布各地；在海外，数十万温州人在一百多个国家和地区经商。",
                        "温州推进“温商回归”，依托“1+31+X”商会网络，每月组织二至三批回乡投资考察，遴选“百名领头雁”，力争三年实现回归投资3000亿元。",
                    ),
                    image(hero, "瓯江两岸的温州城"),
                    quote("在外是温商，回家是亲人。", "温商回归推介会主题语"),
                ],
            )
            root.add_child(instance=home)
            home.save_revision(log_action=False).publish(log_action=False)
            self.created["HomePage"] += 1
            self.new_pages.append(home)
        # The site answers at SITE_URL, so absolute links (sitemap, share links, QR codes) name it.
        hostname, port = public_address()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name=SITE_NAME,
            )
        elif site.root_page_id != home.pk or (site.hostname, site.port) != (hostname, port):
            site.root_page, site.hostname, site.port, site.site_name = (
                home,
                hostname,
                port,
                SITE_NAME,
            )
            site.save()
        return home

    def site_settings(self):
        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        if not settings.address:
            settings.address = "浙江省温州市鹿城区市府路500号（示例地址）"
            settings.phone = "0577-88880000"
            settings.email = "contact@wzmuseum.example"
            settings.icp_number = "浙ICP备00000000号（示例）"
            settings.footer_note = "<p>本站部分人物、企业与联系方式为演示用示例内容。</p>"
            settings.save()
        if not settings.police_record_number:
            # Sample filing marks, every one marked 示例: a real site enters its own.
            settings.police_record_number = "浙公网安备 33030200000000号（示例）"
            settings.site_identifier = "3303000000（示例）"
            settings.police_badge = self.images.badge(
                "police", "公安备案图标（示例）", "演示用公安机关备案图标，非真实标识"
            )
            settings.government_mark = self.images.badge(
                "government", "党政机关网站标识（示例）", "演示用党政机关网站标识，非真实标识"
            )
            settings.government_mark_url = "https://www.wzmuseum.example/conac-sample/"
            settings.save()

    # -- museum -----------------------------------------------------------------------------

    def museum(self, home):
        data = museum_data.MUSEUM
        hero = self.scene(
            "museum", "世界温商博物馆", "世界温商博物馆线上展馆主视觉，瓯江晨景", data["title"]
        )
        return self.child(
            home,
            MuseumPage,
            "museum",
            title=data["title"],
            intro=data["intro"],
            listing_image=hero,
            show_in_menus=True,
            body=[
                heading("展馆简介"),
                paragraph(*data["paragraphs"]),
                image(hero, "世界温商博物馆"),
            ],
        )

    def halls(self, museum):
        halls = {}
        for hall in museum_data.HALLS:
            hero = self.scene(
                f"hall-{hall['slug']}",
                f"第{hall['number']}展厅 {hall['title']}",
                f"第{hall['number']}展厅“{hall['title']}”主视觉：瓯江山水与城市剪影",
                hall["title"].split("：")[0],
            )
            start, end = hall["years"]
            entries = [e for ex in hall["exhibits"] for e in ex["timeline"]]
            halls[hall["slug"]] = self.child(
                museum,
                HallPage,
                hall["slug"],
                title=hall["title"],
                intro=hall["intro"],
                number=hall["number"],
                period=hall["period"],
                start_year=start,
                end_year=end,
                hero_image=hero,
                listing_image=hero,
                body=[
                    heading("序言"),
                    paragraph(hall["preface"]),
                    timeline(f"{hall['period']}大事", sorted(entries)[:6]),
                ],
            )
        return halls

    def exhibits(self, halls, artifacts):
        by_hall = {}
        for page in artifacts:
            by_hall.setdefault(page.hall_id, []).append(page)
        for hall in museum_data.HALLS:
            hall_page = halls[hall["slug"]]
            pool = by_hall.get(hall_page.pk, [])
            for i, ex in enumerate(hall["exhibits"]):
                if ExhibitPage.objects.child_of(hall_page).filter(slug=ex["slug"]).exists():
                    continue
                hero = self.scene(
                    f"exhibit-{ex['slug']}", ex["title"], f"展项“{ex['title']}”主视觉"
                )
                chosen = [pool[(i * 3 + k) % len(pool)] for k in range(3)] if pool else []
                photos = [
                    (a.gallery_images.first().image, a.title)
                    for a in chosen
                    if a.gallery_images.exists()
                ]
                body = [
                    heading(ex["title"].split("：")[0]),
                    paragraph(ex["paragraphs"][0]),
                    image(hero, ex["title"]),
                    quote(*ex["quote"]),
                    paragraph(ex["paragraphs"][1]),
                ]
                body += [artifact_embed(a, f"展品：{a.title}") for a in chosen[:2]]
                if photos:
                    body.append(gallery("相关藏品", photos))
                body.append(timeline("相关年代", ex["timeline"]))
                body.append(map_block("相关地点", ex["places"]))
                self.child(
                    hall_page,
                    ExhibitPage,
                    ex["slug"],
                    title=ex["title"],
                    intro=ex["intro"],
                    hero_image=hero,
                    listing_image=hero,
                    body=body,
                )

    def timeline(self, museum, halls):
        data = museum_data.TIMELINE
        if TimelinePage.objects.child_of(museum).filter(slug="timeline").exists():
            return
        hall_by_year = sorted(((h.start_year or 0, h) for h in halls.values()), key=lambda t: t[0])
        milestones = []
        for year, month, title, text in data["milestones"]:
            link = None
            for start, hall in hall_by_year:
                if start <= year:
                    link = hall
            milestones.append(
                TimelineMilestone(
                    year=year,
                    month=month,
                    title=title,
                    description=text,
                    link=link,
                    image=link.hero_image
                    if link and year in (1877, 1983, 1995, 2011, 2018)
                    else None,
                )
            )
        self.child(
            museum,
            TimelinePage,
            "timeline",
            title=data["title"],
            intro=data["intro"],
            milestones=milestones,
        )

    def merchants(self, index, chambers):
        pages = {}
        for row in merchant_data.MERCHANTS:
            (
                slug,
                name,
                born,
                county,
                industry,
                others,
                enterprise,
                places,
                chamber_key,
                leading,
                honours,
            ) = row
            existing = MerchantHistoryPage.objects.child_of(index).filter(slug=slug).first()
            if existing:
                pages[slug] = existing
                continue
            rng = seeded(slug)
            pinyin = pinyin_from_slug(slug)
            portrait = self.images.portrait(
                f"portrait-{slug}",
                f"{name}肖像（示例）",
                f"示例人物{name}的肖像插画，半身像",
                name,
            )
            abroad = [city for country, city in places if country != "中国"]
            places_text = "、".join(city for _, city in places)
            left = born + rng.randint(17, 23)
            founded = left + rng.randint(6, 12)
            returned = rng.randint(2012, 2025)
            role = rng.choice(merchant_data.ENTERPRISE_ROLES)
            industry_label = Industry(industry).label
            county_name = county_label(county)
            bio = [
                heading("早年"),
                paragraph(
                    f"{name}，{born}年生于温州{county_name}。{left}年，{name}离开家乡，"
                    + (
                        f"远赴{abroad[0]}投亲谋生，从学徒和帮工做起。"
                        if abroad
                        else f"到{places[0][1]}跑供销、摆摊位。"
                    )
                ),
                heading("创业"),
                paragraph(
                    f"{founded}年，{name}创办{enterprise}，主营{industry_label}"
                    + (f"，兼营{others}" if others else "")
                    + f"。企业业务遍及{places_text}等地，{name}任{role}。"
                ),
                quote(
                    rng.choice(
                        [
                            "生意做得再大，也不能忘了从哪里出发。",
                            "吃得苦，才能做得成事。",
                            "乡亲帮过我，我也要帮乡亲。",
                            "做企业要像做人一样讲信用。",
                        ]
                    ),
                    f"{name}（示例人物）",
                ),
                heading("回归"),
                paragraph(
                    f"{returned}年，{name}随商会回乡考察，决定在家乡投资。"
                    + (
                        "作为“百名领头雁”之一，带动多位在外温商回乡投资兴业。"
                        if leading
                        else "此后多次参加回乡投资考察和公益活动。"
                    )
                ),
                # The portrait heads the page and the life events follow the biography: the
                # body adds only the map, from home to every city of business.
                map_block(
                    "经商足迹", ["温州", *dict.fromkeys(c for _, c in places if c != "温州")]
                ),
            ]
            events = [
                MerchantLifeEvent(year=born, text=f"出生于温州{county_name}"),
                MerchantLifeEvent(year=left, text=f"离开家乡，前往{places[0][1]}"),
                MerchantLifeEvent(year=founded, text=f"创办{enterprise}"),
                MerchantLifeEvent(year=returned, text="随商会回乡考察，投资家乡"),
            ]
            if leading:
                events.append(MerchantLifeEvent(year=2024, text="获聘“百名领头雁”"))
            pages[slug] = self.child(
                index,
                MerchantHistoryPage,
                slug,
                title=name,
                intro=f"{born}年生于{county_name}，在{places_text}经营{industry_label}，{enterprise}{role}。（示例人物）",
                name_pinyin=pinyin,
                portrait=portrait,
                listing_image=portrait,
                birth_year=born,
                home_county=county,
                primary_industry=industry,
                other_industries=others,
                enterprise=enterprise,
                chamber=chambers.get(chamber_key),
                is_leading_merchant=leading,
                is_honoured=bool(honours),
                honours=honours,
                is_sample=True,
                biography=bio,
                business_locations=[MerchantBusinessLocation(country=c, city=t) for c, t in places],
                life_events=events,
            )
        return pages

    def artifacts(self, index, halls, merchants):
        pages = []
        merchant_list = list(merchants.values())
        overseas = [
            m
            for m in merchant_list
            if any(loc.country != "中国" for loc in m.business_locations.all())
        ]
        seq = 0
        used_titles = set()
        for k, kind in enumerate(artifact_data.KINDS):
            (
                key,
                name,
                object_type,
                hall_slug,
                (earliest, latest),
                materials,
                dims,
                place,
                what,
                why,
            ) = kind
            variants = 3 if k % 3 != 2 else 2
            for v in range(variants):
                seq += 1
                acquired = 2024 + seq % 3
                accession = f"WZM-{acquired}-{seq:04d}"
                slug = accession.lower()
                existing = ArtifactPage.objects.child_of(index).filter(slug=slug).first()
                if existing:
                    pages.append(existing)
                    used_titles.add(existing.title)
                    continue
                rng = seeded(slug)
                span = max(1, latest - earliest)
                year = earliest + (span * (v * 2 + 1)) // (variants * 2) + rng.randint(0, 1)
                year = min(year, latest)
                if year < 1912:
                    era, prefix, start, end = "清末", "清末", max(earliest, 1875), 1911
                elif year < 1949:
                    era, prefix, start, end = "民国", "民国", 1912, 1949
                    start, end = max(start, year - 3), min(end, year + 3)
                else:
                    era, prefix, start, end = f"{year // 10 * 10}年代", f"{year}年", year, year
                title = f"{prefix}{name}"
                if title in used_titles:
                    title = f"{title}（{'甲乙丙'[v]}）"
                used_titles.add(title)
                donor_title = rng.choice(artifact_data.DONOR_TITLES)
                related = []
                pool = overseas if hall_slug == "to-the-world" and overseas else merchant_list
                if pool and rng.random() < 0.7:
                    related = rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2])))
                donor = (
                    f"{related[0].title}{rng.choice(artifact_data.DONOR_RELATIONS)}（{donor_title}）"
                    if related
                    else rng.choice(
                        [
                            "匿名捐赠",
                            f"温州{rng.choice(list(WenzhouCounty)).label}一位{donor_title}",
                        ]
                    )
                )
                rights = rng.choice(
                    [
                        RightsStatement.EDUCATIONAL_USE,
                        RightsStatement.IN_COPYRIGHT,
                        RightsStatement.NO_COPYRIGHT,
                        RightsStatement.UNDETERMINED,
                    ]
                )
                condition = rng.choice(
                    [
                        "保存较好，边角略有磨损",
                        "整体完好，局部褪色",
                        "有轻微水渍，已做除酸处理",
                        "品相完好",
                    ]
                )
                views = ["正面", "局部", "细部"][: 1 + seq % 3]
                gallery_images = [
                    ArtifactImage(
                        image=self.images.artifact(
                            f"artifact-{slug}-{n}",
                            f"{accession} {title} {view}",
                            f"{title}{view}，{materials}",
                            object_type,
                            name,
                        ),
                        caption=f"{title}（{view}）",
                    )
                    for n, view in enumerate(views)
                ]
                provenance = rng.choice(artifact_data.PROVENANCE_TEMPLATES).format(
                    year=year,
                    place=place,
                    acq=acquired,
                )
                page = self.child(
                    index,
                    ArtifactPage,
                    slug,
                    title=title,
                    intro=f"{what}。",
                    accession_number=accession,
                    object_type=object_type,
                    era=era,
                    year_start=start,
                    year_end=end,
                    place_of_origin=place,
                    materials=materials,
                    dimensions=dims,
                    description=rich(f"{what}。{why}。", f"保存状况：{condition}。"),
                    provenance=rich(provenance),
                    donor=donor,
                    rights=rights,
                    hall=halls[hall_slug],
                    listing_image=gallery_images[0].image,
                    gallery_images=gallery_images,
                    related_merchants=related,
                )
                pages.append(page)
        return pages

    # -- information platform ---------------------------------------------------------------

    def chambers(self, index):
        chambers = {}
        leading = [m for m in merchant_data.MERCHANTS if m[9]]
        national = self.child(
            index,
            ChamberPage,
            "national-federation",
            title="全国温州商会联合会",
            intro="“1+31+X”商会网络中的“1”，统筹联络全国各省级、地市级温州商会。",
            level=ChamberLevel.NATIONAL,
            city="北京",
            founded=2013,
            president=leading[0][1],
            contact_phone="010-66660000",
            contact_email="office@wzchamber.example",
            website="https://www.wzchamber.example",
            address="北京市朝阳区建国路88号（示例地址）",
            latitude=39.91,
            longitude=116.46,
            description=rich(
                "全国温州商会联合会由各地温州商会共同发起成立，负责统筹协调商会网络、组织回乡投资考察、传递项目信息。",
                "联合会下设青年委员会、女企业家委员会和海外联络部。",
            ),
        )
        chambers["national"] = national
        roads = ["人民路", "建设路", "中山路", "解放路", "长江路", "黄河路", "新华路", "滨江路"]
        presidents = [
            "陈国栋",
            "林建华",
            "王志明",
            "黄伟民",
            "周立新",
            "吴海峰",
            "郑光明",
            "徐建国",
            "胡晓东",
            "叶振华",
            "金永平",
            "潘志刚",
            "朱宏伟",
            "戴建新",
            "蔡立群",
            "董振宇",
        ]
        for i, province in enumerate(Province):
            seat, lat, lng, founded = geo.PROVINCE_SEATS[province.value]
            label = province.label
            chambers[province.value] = self.child(
                index,
                ChamberPage,
                f"province-{province.value}",
                title=f"{label}温州商会",
                intro=f"{label}温州商会，联络和服务在{label}经商的温州人。",
                level=ChamberLevel.PROVINCIAL,
                parent_chamber=national,
                province=province.value,
                city=seat,
                founded=founded,
                president=presidents[i % len(presidents)],
                contact_phone=f"400-{800 + i:03d}-{(i * 7919) % 10000:04d}",
                contact_email=f"{province.value}@wzchamber.example",
                website=f"https://{province.value}.wzchamber.example",
                address=f"{seat}{roads[i % len(roads)]}{(i * 37) % 300 + 8}号（示例地址）",
                latitude=lat,
                longitude=lng,
                description=rich(
                    f"{label}温州商会成立于{founded}年，会员企业涉及商贸、制造、地产、科技等行业。",
                    "商会定期组织会员回乡考察，参与温商回归项目对接。",
                ),
            )
        for j, (slug, city, province, lat, lng, founded) in enumerate(geo.CITY_CHAMBERS):
            chambers[f"city:{slug}"] = self.child(
                index,
                ChamberPage,
                f"city-{slug}",
                title=f"{city}温州商会",
                intro=f"在{city}经商的温州人的商会，隶属{Province(province).label}温州商会。",
                level=ChamberLevel.CITY,
                parent_chamber=chambers[province],
                province=province,
                city=city,
                founded=founded,
                president=presidents[(j + 5) % len(presidents)],
                contact_phone=f"400-{600 + j:03d}-{(j * 4813) % 10000:04d}",
                contact_email=f"{slug}@wzchamber.example",
                address=f"{city}{roads[(j + 3) % len(roads)]}{(j * 53) % 400 + 10}号（示例地址）",
                latitude=lat,
                longitude=lng,
                description=rich(
                    f"{city}温州商会成立于{founded}年，服务在{city}的温州籍企业和个人。"
                ),
            )
        return chambers

    def projects(self, index):
        pages = {}
        officers_by_unit = {o[1][:2]: o for o in platform_data.OFFICERS}
        for n, row in enumerate(platform_data.PROJECTS, start=1):
            (slug, title, industry, county, amount, origin, investor, stage, key, what) = row
            rng = seeded(slug)
            county_name = county_label(county)
            officer = officers_by_unit.get(county_name[:2], platform_data.OFFICERS[n % 2])
            signed = None
            if stage != ProjectStage.NEGOTIATING:
                signed = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 800))
            year = signed.year if signed else 2026
            updates = [
                ProjectProgressUpdate(
                    date=(signed or datetime.date(2026, 3, 1))
                    - datetime.timedelta(days=rng.randint(20, 90)),
                    stage=ProjectStage.NEGOTIATING,
                    text="项目方完成实地考察，提交投资意向书。",
                )
            ]
            if signed:
                updates.append(
                    ProjectProgressUpdate(
                        date=signed,
                        stage=ProjectStage.SIGNED,
                        text=f"项目正式签约，总投资{amount}亿元。",
                    )
                )
            if stage in (ProjectStage.UNDER_CONSTRUCTION, ProjectStage.IN_PRODUCTION):
                updates.append(
                    ProjectProgressUpdate(
                        date=signed + datetime.timedelta(days=rng.randint(60, 150)),
                        stage=ProjectStage.UNDER_CONSTRUCTION,
                        text="项目取得施工许可，开工建设。",
                    )
                )
            if stage == ProjectStage.IN_PRODUCTION:
                updates.append(
                    ProjectProgressUpdate(
                        date=signed + datetime.timedelta(days=rng.randint(300, 520)),
                        stage=ProjectStage.IN_PRODUCTION,
                        text="项目竣工验收，正式投产。",
                    )
                )
            pages[slug] = self.child(
                index,
                ProjectPage,
                slug,
                title=title,
                intro=f"位于{county_name}，{what}，总投资{amount}亿元。",
                code=f"WZ-{year}-{n:03d}",
                industry=industry,
                county=county,
                amount=Decimal(str(amount)),
                investor_origin=origin,
                investor=investor,
                stage=stage,
                signed_date=signed,
                is_key_project=key,
                description=rich(
                    f"{title}位于温州{county_name}，由{investor}投资，{what}。",
                    f"项目总投资{amount}亿元，属于{Industry(industry).label}产业，"
                    + (
                        "列入温商回归重点项目，实行“一个项目、一名专员、一套方案”服务。"
                        if key
                        else "由属地投资促进部门跟踪服务。"
                    ),
                ),
                officer_name=officer[0],
                officer_unit=officer[1],
                officer_phone=f"0577-8{n % 10}{rng.randint(100000, 999999)}",
                officer_email=f"{officer[2]}@wzinvest.example",
                progress_updates=updates,
            )
        return pages

    def internal_collection(self):
        """Where the publicity department's working papers go: for signed-in staff only."""
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=INTERNAL_COLLECTION).first()
        if collection is None:
            collection = root.add_child(name=INTERNAL_COLLECTION)
        CollectionViewRestriction.objects.get_or_create(
            collection=collection,
            defaults={"restriction_type": CollectionViewRestriction.LOGIN},
        )
        return collection

    def campaigns(self, index, museum, projects):
        pages = {}
        channels = {c.code: c for c in Channel.objects.all()}
        document_model = get_document_model()
        internal = self.internal_collection()
        for (
            slug,
            title,
            theme,
            start,
            end,
            status,
            codes,
            audience,
            intro,
        ) in platform_data.CAMPAIGNS:
            existing = CampaignPage.objects.child_of(index).filter(slug=slug).first()
            if existing:
                pages[slug] = existing
                continue
            doc_title = f"{title}宣传要点"
            document = document_model.objects.filter(title=doc_title).first()
            if document is None:
                text = (
                    f"{title}\n主题：{theme}\n时间：{start} 至 {end}\n受众：{audience}\n\n{intro}\n"
                )
                document = document_model(title=doc_title, collection=internal)
                document.file.save(
                    f"campaign-{slug}.txt", ContentFile(text.encode("utf-8")), save=False
                )
                document._set_document_file_metadata()
                document.save()
            elif document.collection_id != internal.pk:
                # Demos loaded before: the talking points were in the public root collection.
                document.collection = internal
                document.save(update_fields=["collection"])
            hero = self.scene(
                f"campaign-{slug}", f"{title}主视觉", f"宣传活动“{title}”主视觉海报", theme
            )
            related = [museum] + list(projects.values())[len(pages) * 3 : len(pages) * 3 + 2]
            pages[slug] = self.child(
                index,
                CampaignPage,
                slug,
                title=title,
                intro=intro,
                theme=theme,
                start_date=datetime.date.fromisoformat(start),
                end_date=datetime.date.fromisoformat(end),
                status=status,
                audience=audience,
                listing_image=hero,
                channels=[channels[c] for c in codes if c in channels],
                body=[
                    heading("活动方案"),
                    paragraph(intro, f"活动主题为“{theme}”，面向{audience}。"),
                    image(hero, theme),
                ],
                assets=[
                    {
                        "type": "document",
                        "value": {"document": document.pk, "title": "宣传要点（文本）"},
                    }
                ],
                related_pages=[CampaignRelatedPage(page=p) for p in related],
            )
        return pages

    def news(self, index, campaigns):
        for i, (slug, title, date, byline, campaign, intro, paras) in enumerate(platform_data.NEWS):
            if NewsPage.objects.child_of(index).filter(slug=slug).exists():
                continue
            picture = None
            if i % 3 == 0:
                picture = self.scene(f"news-{slug}", title, f"新闻配图：{title}")
            body = [paragraph(*paras)]
            if picture:
                body.insert(1, image(picture, title))
            self.child(
                index,
                NewsPage,
                slug,
                title=title,
                intro=intro,
                date=datetime.date.fromisoformat(date),
                byline=byline,
                campaign=campaigns.get(campaign),
                listing_image=picture,
                body=body,
            )
        for slug, title, date, byline, intro, paras in platform_data.NEWS_DRAFTS:
            self.child(
                index,
                NewsPage,
                slug,
                live=False,
                title=title,
                intro=intro,
                date=datetime.date.fromisoformat(date),
                byline=byline,
                body=[paragraph(*paras)],
            )

    def events(self, index, projects, campaigns):
        project_list = list(projects.values())
        offset = 0
        for slug, title, start, days, origin, organiser, count, signed in platform_data.EVENTS:
            chosen = [project_list[(offset + k) % len(project_list)] for k in range(signed)]
            offset += signed
            if EventPage.objects.child_of(index).filter(slug=slug).exists():
                continue
            start_date = datetime.date.fromisoformat(start)
            campaign = (
                campaigns.get("homecoming-2024")
                if start.startswith("2024")
                else campaigns.get("goal-countdown")
                if start.startswith("2026")
                else None
            )
            self.child(
                index,
                EventPage,
                slug,
                title=title,
                intro=f"{origin}{count}位客商回乡考察，签约项目{signed}个。",
                start_date=start_date,
                end_date=start_date + datetime.timedelta(days=days - 1),
                delegation_origin=origin,
                organiser=organiser,
                merchant_count=count,
                signed_projects=chosen,
                campaign=campaign,
                body=[
                    heading("考察行程"),
                    paragraph(
                        f"考察团一行{count}人，由{origin}组织，{organiser}全程对接。",
                        "行程包括产业园区参观、项目推介会、政企座谈和签约仪式。",
                    ),
                    heading("签约项目", "h3"),
                    paragraph("、".join(p.title for p in chosen) + "。"),
                ],
            )

    # -- English ----------------------------------------------------------------------------

    def translate(self, page, **fields):
        """The English translation of `page`, created from a copy and published once."""
        existing = page.get_translation_or_none(self.en)
        if existing is not None:
            return existing.specific
        translated = page.copy_for_translation(self.en, copy_parents=True).specific
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision(log_action=False).publish(log_action=False)
        self.created["translations"] += 1
        self.new_pages.append(translated)
        return translated

    def english(self):
        en = english_data
        p = self.pages
        self.translate(
            p["home"],
            title=en.HOME["title"],
            intro=en.HOME["intro"],
            body=[heading("Merchant homecoming"), paragraph(*en.HOME["paragraphs"])],
        )
        self.translate(
            p["museum"],
            title=en.MUSEUM["title"],
            intro=en.MUSEUM["intro"],
            body=[heading("About the museum"), paragraph(*en.MUSEUM["paragraphs"])],
        )
        for slug, hall in p["halls"].items():
            title, period, intro, preface = en.HALLS[slug]
            self.translate(
                hall,
                title=title,
                period=period,
                intro=intro,
                body=[heading("Preface"), paragraph(preface)],
            )
        hall = p["halls"]["reform-and-wenzhou-model"]
        exhibit = ExhibitPage.objects.child_of(hall).get(slug=en.EXHIBIT["slug"])
        body = [
            heading("Qiaotou"),
            paragraph(en.EXHIBIT["paragraphs"][0]),
            quote(*en.EXHIBIT["quote"]),
            paragraph(en.EXHIBIT["paragraphs"][1]),
        ]
        body += [
            english_map(b, "Places") if b["type"] == "map" else b
            for b in exhibit.body.raw_data
            if b["type"] in ("image", "gallery", "artifact", "timeline", "map")
        ]
        self.translate(exhibit, title=en.EXHIBIT["title"], intro=en.EXHIBIT["intro"], body=body)

        for key, (title, intro) in (
            ("collection", en.COLLECTION),
            ("merchants", en.MERCHANTS),
            ("news", en.NEWS_INDEX),
            ("campaigns", en.CAMPAIGN_INDEX),
            ("projects", en.PROJECT_INDEX),
            ("chambers", en.CHAMBER_INDEX),
            ("events", en.EVENT_INDEX),
        ):
            self.translate(p[key], title=title, intro=intro)

        timeline_page = TimelinePage.objects.child_of(p["museum"]).get(slug="timeline")
        if timeline_page.get_translation_or_none(self.en) is None:
            translated = timeline_page.copy_for_translation(self.en, copy_parents=True).specific
            translated.title, translated.intro = en.TIMELINE
            milestones = list(translated.milestones.all())
            for milestone in milestones:
                milestone.title = en.MILESTONES.get(milestone.year, milestone.title)
                milestone.description = ""
            translated.milestones = milestones
            translated.save_revision(log_action=False).publish(log_action=False)
            self.created["translations"] += 1
            self.new_pages.append(translated)

        artifacts = ArtifactPage.objects.child_of(p["collection"]).order_by("path")
        button = next(a for a in artifacts if "纽扣样品卡" in a.title)
        self.translate(
            button,
            title=f"{button.year_start} {en.ARTIFACT['title_suffix']}",
            intro=en.ARTIFACT["intro"],
            description=en.ARTIFACT["description"],
            era=en.ARTIFACT["era"],
            materials=en.ARTIFACT["materials"],
            place_of_origin="Qiaotou, Yongjia",
        )

        merchant = MerchantHistoryPage.objects.child_of(p["merchants"]).get(
            slug=en.MERCHANT["slug"]
        )
        self.translate(
            merchant,
            title=en.MERCHANT["title"],
            intro=en.MERCHANT["intro"],
            biography=[
                heading("Life"),
                paragraph(*en.MERCHANT["paragraphs"]),
                *[
                    english_map(b, "Where they did business")
                    for b in merchant.biography.raw_data
                    if b["type"] == "map"
                ],
            ],
        )
        project = ProjectPage.objects.child_of(p["projects"]).get(slug=en.PROJECT["slug"])
        self.translate(
            project,
            title=en.PROJECT["title"],
            intro=en.PROJECT["intro"],
            description=en.PROJECT["description"],
        )
        chamber = ChamberPage.objects.child_of(p["chambers"]).get(slug=en.CHAMBER["slug"])
        self.translate(
            chamber,
            title=en.CHAMBER["title"],
            intro=en.CHAMBER["intro"],
            description=en.CHAMBER["description"],
            city="Beijing",
        )
        campaign = CampaignPage.objects.child_of(p["campaigns"]).get(slug=en.CAMPAIGN["slug"])
        self.translate(
            campaign,
            title=en.CAMPAIGN["title"],
            intro=en.CAMPAIGN["intro"],
            theme=en.CAMPAIGN["theme"],
            audience=en.CAMPAIGN["audience"],
            body=[heading("Plan"), paragraph(*en.CAMPAIGN["paragraphs"])],
        )
        news = NewsPage.objects.child_of(p["news"]).get(slug=en.NEWS["slug"])
        self.translate(
            news,
            title=en.NEWS["title"],
            intro=en.NEWS["intro"],
            byline=en.NEWS["byline"],
            body=[paragraph(*en.NEWS["paragraphs"])],
        )
        event = EventPage.objects.child_of(p["events"]).get(slug=en.EVENT["slug"])
        self.translate(
            event,
            title=en.EVENT["title"],
            intro=en.EVENT["intro"],
            delegation_origin=en.EVENT["delegation_origin"],
            organiser=en.EVENT["organiser"],
            body=[heading("Programme"), paragraph(*en.EVENT["paragraphs"])],
        )
        self.translate(
            p["about"],
            title=en.ABOUT["title"],
            intro=en.ABOUT["intro"],
            body=[heading("About"), paragraph(*en.ABOUT["paragraphs"])],
        )


def page_counts():
    """Live and draft pages per type, for the summary and the idempotency test."""
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            qs = model.objects.all()
            counts[model._meta.label] = {
                "zh-hans": qs.filter(locale__language_code="zh-hans").count(),
                "en": qs.filter(locale__language_code="en").count(),
                "live": qs.filter(live=True).count(),
            }
    return counts


__all__ = ["DemoBuilder", "page_counts"]
