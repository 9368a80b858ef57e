"""Generated files beside the pages: sitemap, robots.txt, feeds, redirects, API listings."""

import json
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from frontend.feeds import absolute, render_feeds, site_base

from . import dependencies, writer

SITEMAP_LIMIT = 50_000


def hreflang(language_code):
    return "zh-Hans" if language_code == "zh-hans" else language_code


def sitemap_xml(manifest):
    """One URL per page, each with xhtml:link alternates for every translation."""
    base = site_base()
    by_key = defaultdict(list)
    for entry in manifest.pages.values():
        by_key[entry["tk"]].append(entry)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for pk in sorted(manifest.pages, key=lambda pk: manifest.pages[pk]["url"]):
        entry = manifest.pages[pk]
        lines.append(f"<url><loc>{escape(absolute(entry['url'], base))}</loc>")
        if entry.get("lastmod"):
            lines.append(f"<lastmod>{escape(entry['lastmod'])}</lastmod>")
        translations = sorted(
            by_key[entry["tk"]], key=lambda e: e["locale"] != settings.LANGUAGE_CODE
        )
        if len(translations) > 1:
            for other in translations:
                lines.append(
                    f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang(other["locale"]))} '
                    f"href={quoteattr(absolute(other['url'], base))}/>"
                )
            default = translations[0]
            lines.append(
                '<xhtml:link rel="alternate" hreflang="x-default" '
                f"href={quoteattr(absolute(default['url'], base))}/>"
            )
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(root, manifest):
    if len(manifest.pages) > SITEMAP_LIMIT:
        raise ValueError("More pages than one sitemap file may list; split the sitemap.")
    writer.write_text(root, dependencies.SITEMAP_PATH, sitemap_xml(manifest))


def write_robots(root):
    text = render_to_string(
        "robots.txt",
        {
            "sitemap_url": absolute("/" + dependencies.SITEMAP_PATH),
            "BACKEND_URL": settings.BACKEND_URL,
        },
    )
    writer.write_text(root, dependencies.ROBOTS_PATH, text)


def write_feed(root, feed, language_code):
    files = dependencies.feed_files(feed, language_code)
    documents = render_feeds(feed, language_code, ["/" + name for name in files])
    for name, content in zip(files, documents, strict=True):
        writer.write_bytes(root, name, content)


# --- static API listings -----------------------------------------------------------------


def _listing_item(entry, base):
    return {
        "id": entry["id"],
        "meta": {
            "type": entry["type"],
            "detail_url": dependencies.api_base_url() + f"pages/{entry['id']}.json",
            "html_url": absolute(entry["url"], base),
            "locale": entry["locale"],
            "last_published_at": entry.get("lastmod"),
        },
        "title": entry["title"],
    }


def _dump(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_api_listing(root, manifest, language_code, page_type):
    entries = sorted(
        (
            e
            for e in manifest.pages.values()
            if e["locale"] == language_code and e["type"] == page_type
        ),
        key=lambda e: e["url"],
    )
    name = dependencies.api_listing_file(language_code, page_type)
    if not entries:
        writer.remove(root, name)
        return
    base = site_base()
    items = [_listing_item(e, base) for e in entries]
    writer.write_text(root, name, _dump({"meta": {"total_count": len(items)}, "items": items}))


def write_api_indexes(root, manifest, language_codes):
    """Per locale: the listing files by type; at the root: the locales."""
    for language_code in language_codes:
        counts = defaultdict(int)
        for entry in manifest.pages.values():
            if entry["locale"] == language_code:
                counts[entry["type"]] += 1
        types = {
            page_type: {
                "count": count,
                "url": dependencies.api_base_url() + f"pages/{language_code}/{page_type}.json",
            }
            for page_type, count in sorted(counts.items())
        }
        writer.write_text(
            root, dependencies.api_locale_index_file(language_code), _dump({"types": types})
        )
    writer.write_text(
        root,
        dependencies.api_root_file(),
        _dump(
            {
                "pages": {
                    code: dependencies.api_base_url() + f"pages/{code}/index.json"
                    for code, _name in settings.LANGUAGES
                },
                "detail": dependencies.api_base_url() + "pages/{id}.json",
                "live_api": (settings.BACKEND_URL or "") + "/api/v2/",
            }
        ),
    )


# --- cache headers for static hosts ----------------------------------------------------

LONG_CACHE = "public, max-age=31536000, immutable"
NETLIFY_HEADERS_PATH = "_headers"
STATIC_MANIFEST = "staticfiles.json"


def write_headers(root):
    """`_headers` (Netlify, Cloudflare Pages): the same long lifetimes as deploy/'s nginx.

    Only names that change with their content are cached for a year: each content-hashed
    static file by name (the build publishes no unhashed copies) and the renditions. HTML and JSON keep the host's default, which revalidates; no catch-all rule,
    because both hosts combine the values of every rule that matches.
    """
    from .renderer import STATIC_DIR

    manifest = writer.resolve(root, f"{STATIC_DIR}/{STATIC_MANIFEST}")
    hashed = (
        sorted(json.loads(manifest.read_text("utf-8"))["paths"].values())
        if manifest.is_file()
        else []
    )
    lines = ["# Generated by build_site: content-hashed files and renditions never change."]
    for pattern in [f"/{STATIC_DIR}/{name}" for name in hashed] + ["/media/images/*"]:
        lines += [pattern, f"  Cache-Control: {LONG_CACHE}"]
    writer.write_text(root, NETLIFY_HEADERS_PATH, "\n".join(lines) + "\n")


# --- redirects ---------------------------------------------------------------------------


def redirect_rules():
    """(old path, target URL, status) for every redirect whose target is public."""
    from wagtail.contrib.redirects.models import Redirect

    from cms.core.visibility import public_redirects

    rules = []
    redirects = public_redirects(Redirect.objects.all()).select_related("redirect_page")
    for redirect in redirects.order_by("old_path"):
        target = redirect.link
        if not target:
            continue
        rules.append((redirect.old_path, target, 301 if redirect.is_permanent else 302))
    return rules


REDIRECT_STUB = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href={href}>
<title>{title}</title></head>
<body><p><a href={href}>{title}</a></p></body></html>
"""


def write_redirects(root, manifest):
    """`_redirects` (Netlify, Cloudflare Pages), an nginx map, and HTML stubs for any host.

    Only redirects whose target is public: one to a draft or a restricted page would name it.
    """
    rules = redirect_rules()
    netlify = ["# old path  new path  status"]
    nginx = [
        "# Include inside `http {}` and add to the server block:",
        "#   if ($wzm_redirect) { return 301 $wzm_redirect; }",
        "map $uri $wzm_redirect {",
        '    default "";',
    ]
    taken = {entry["url"] for entry in manifest.pages.values()}
    stubs = []
    with translation.override(settings.LANGUAGE_CODE):
        title = translation.gettext("页面已移至新地址")
    for old_path, target, status in rules:
        netlify.append(f"{old_path}  {target}  {status}")
        for variant in {old_path.rstrip("/") or "/", old_path.rstrip("/") + "/"}:
            nginx.append(f"    {json.dumps(variant)} {json.dumps(target)};")
        page_url = old_path.rstrip("/") + "/"
        if page_url not in taken and "?" not in old_path:
            name = dependencies.page_file(page_url)
            writer.write_text(
                root,
                name,
                REDIRECT_STUB.format(
                    url=escape(target), href=quoteattr(target), title=escape(title)
                ),
            )
            stubs.append(name)
    nginx.append("}")
    writer.write_text(root, dependencies.NETLIFY_REDIRECTS_PATH, "\n".join(netlify) + "\n")
    nginx_map = dependencies.nginx_redirects_file(root)
    writer.write_text(nginx_map.parent, nginx_map.name, "\n".join(nginx) + "\n")
    for stale in set(manifest.redirect_files) - set(stubs):
        if stale not in {dependencies.page_file(url) for url in taken}:
            writer.remove(root, stale)
    manifest.redirect_files = stubs
