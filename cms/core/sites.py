"""The public address of the site: SITE_URL, and the Wagtail Site whose root URL must match it.

Wagtail builds every absolute page URL (canonical links, sitemap, feeds, Open Graph, QR codes,
the API's ``html_url``) from the default Site's hostname and port. SITE_URL names the same
address for the settings that cannot read the database, so the two must agree.
"""

from urllib.parse import urlsplit

from django.conf import settings


def public_address():
    """(hostname, port) for the default Site, as SITE_URL gives them."""
    parts = urlsplit(settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def address_mismatch(site):
    """A message when the Site's root URL is not SITE_URL (absolute links would name the wrong host)."""
    wanted = settings.SITE_URL.rstrip("/")
    if site is None or site.root_url == wanted:
        return ""
    return (
        f"默认站点的地址 {site.root_url} 与 SITE_URL {wanted} 不一致：分享链接、二维码和站点地图将指向前者。"
        f"请在后台“设置 → 站点”中修改主机名和端口。 / The default site's address {site.root_url} is not "
        f"SITE_URL {wanted}: share links, QR codes and the sitemap will name the former. "
        "Set the hostname and port under Settings → Sites."
    )
