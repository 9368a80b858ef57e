"""Content for the production smoke test, created in the stack's own database.

Run as `python -m tests.deploy.seed` with the stack's environment (production settings). Prints
the JSON the test needs: page URLs, the draft to publish, an original image's path.
"""

import json

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from wagtail.contrib.redirects.models import Redirect  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from cms.core.factories import HomePageFactory, image_block, make_default_site, paragraph, translate  # noqa: E402
from cms.publicity.factories import NewsIndexPageFactory, NewsPageFactory  # noqa: E402
from museum.factories import ExhibitPageFactory, HallPageFactory, MuseumPageFactory  # noqa: E402

USERNAME, PASSWORD = "smoke-admin", "smoke-admin-password-1"


def run():
    Locale.objects.get_or_create(language_code="zh-hans")
    Locale.objects.get_or_create(language_code="en")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    translate(home, "en", title="World Wenzhou Merchants Museum")
    museum = MuseumPageFactory(parent=home, slug="museum", show_in_menus=True)
    hall = HallPageFactory(parent=museum, slug="hall-reform", title="改革开放展厅")
    exhibit = ExhibitPageFactory(parent=hall, slug="button-market", title="桥头纽扣市场")
    exhibit.body = [
        paragraph("一粒纽扣带动了一个市场。"),
        image_block(exhibit.hero_image, "桥头镇旧貌"),
    ]
    exhibit.save_revision().publish()
    news_index = NewsIndexPageFactory(parent=home, slug="news", show_in_menus=True)
    draft = NewsPageFactory(
        parent=news_index, slug="draft-signing", title="温商回归草稿新闻", live=False
    )
    draft.save_revision()
    Redirect.objects.create(old_path="/old-buttons", redirect_page=exhibit)
    get_user_model().objects.create_superuser(USERNAME, "smoke@example.com", PASSWORD)
    print(
        json.dumps(
            {
                "exhibit_url": exhibit.url,
                "exhibit_title": exhibit.title,
                "draft_id": draft.pk,
                "draft_url": draft.get_url(),
                "draft_title": draft.title,
                "original_image": exhibit.hero_image.file.name,
            }
        )
    )


if __name__ == "__main__":
    run()
