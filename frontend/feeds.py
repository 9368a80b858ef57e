"""RSS and Atom feeds of news and publicity campaigns, one per locale, written as files."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 30


def _feed_definitions():
    from cms.publicity.models import CampaignPage, NewsPage

    return {
        "news": (NewsPage, "-date", _("温商新闻"), _("世界温商博物馆与信息平台的最新新闻")),
        "campaigns": (
            CampaignPage,
            "-start_date",
            _("宣传活动"),
            _("世界温商博物馆与信息平台的宣传活动"),
        ),
    }


def site_base():
    """The public site's origin: the default Wagtail site's root URL, else SITE_URL."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.SITE_URL).rstrip("/")


def absolute(url, base=None):
    if url.startswith(("http://", "https://")):
        return url
    return (base or site_base()) + url


def feed_items(feed, language_code):
    from frontend.publishing.dependencies import publishable_pages

    model, ordering, _title, _description = _feed_definitions()[feed]
    ids = publishable_pages().type(model).values_list("pk", flat=True)
    return (
        model.objects.filter(pk__in=ids, locale__language_code=language_code)
        .order_by(ordering, "-pk")
        .select_related("locale")[:FEED_LENGTH]
    )


class _StableDate:
    """An empty feed dates itself at a fixed moment, not "now": its bytes, and so the static
    site, stay the same from one build to the next (feeds with items use the newest item)."""

    EMPTY_FEED_DATE = datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC)

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.EMPTY_FEED_DATE


class StableRssFeed(_StableDate, Rss201rev2Feed):
    pass


class StableAtomFeed(_StableDate, Atom1Feed):
    pass


def render_feeds(feed, language_code, feed_urls):
    """The RSS and Atom documents of one feed in one language, as bytes."""
    with translation.override(language_code):
        model, _ordering, title, description = _feed_definitions()[feed]
        home = "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"
        documents = []
        for generator, feed_url in zip((StableRssFeed, StableAtomFeed), feed_urls, strict=True):
            document = generator(
                title=f"{title} · {_('世界温商博物馆')}",
                link=absolute(home),
                description=description,
                language=language_code,
                feed_url=absolute(feed_url),
                # RFC 4287 4.1.1: an Atom feed names an author unless every entry does.
                author_name=_("世界温商博物馆"),
                author_link=absolute(home),
            )
            for item in feed_items(feed, language_code):
                url = absolute(item.get_url())
                published = item.first_published_at or item.last_published_at
                document.add_item(
                    title=item.title,
                    link=url,
                    description=item.summary,
                    unique_id=url,
                    pubdate=published,
                    updateddate=item.last_published_at,
                )
            documents.append(document.writeString("utf-8").encode("utf-8"))
        return documents
