"""The deployment kit: nginx and systemd files rendered from deploy/templates and the settings.

Paths, limits and locales come from the settings (the static site, the donation limits, the
languages), so the rendered files cannot drift from what the code enforces.
"""

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.template import Context, Engine

TEMPLATES = Path(settings.BASE_DIR) / "deploy" / "templates"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MB = 1024 * 1024


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    description: str
    schedule: str
    on_calendar: str
    persistent: bool


def jobs():
    zone = settings.TIME_ZONE
    return [
        Job(
            "wzm-publish-scheduled",
            "publish_scheduled",
            "scheduled publishing",
            "every minute",
            "*-*-* *:*:00",
            False,
        ),
        Job(
            "wzm-refresh-dated-pages",
            "refresh_dated_pages",
            "calendars change phase with the date",
            "daily after midnight",
            f"*-*-* 00:05:00 {zone}",
            True,
        ),
        Job(
            "wzm-retry-donation-emails",
            "retry_donation_emails",
            "resend failed donor notifications",
            "every 15 minutes",
            "*-*-* *:00/15:00",
            False,
        ),
        Job(
            "wzm-maintenance",
            "maintenance",
            "sessions, audit log retention, old task results",
            "daily",
            f"*-*-* 03:30:00 {zone}",
            True,
        ),
    ]


@dataclass
class DeployConfig:
    output_dir: Path
    server_name: str = ""
    listen: str = "80"
    app_addresses: list = field(default_factory=list)
    site_dir: Path = None
    redirects_map: Path = None
    app_dir: Path = None
    python: str = ""
    user: str = "wzm"
    group: str = "wzm"
    env_file: str = "/etc/wzm/env"
    runtime_dir: Path = None
    log_dir: Path = None
    nginx_user: str = "www-data"
    brotli: str = "auto"
    tls_certificate: str = ""
    tls_certificate_key: str = ""
    proxy_read_timeout: int = 60

    def __post_init__(self):
        self.output_dir = Path(self.output_dir).resolve()
        self.server_name = self.server_name or urlsplit(settings.SITE_URL).hostname or "_"
        self.app_addresses = self.app_addresses or os.environ.get(
            "GUNICORN_BIND", "127.0.0.1:8001"
        ).split(",")
        self.site_dir = Path(self.site_dir or settings.STATIC_SITE_DIR).absolute()
        self.redirects_map = Path(self.redirects_map or default_redirects_map(self.site_dir))
        self.app_dir = Path(self.app_dir or settings.BASE_DIR).resolve()
        self.python = self.python or sys.executable
        self.runtime_dir = Path(self.runtime_dir or self.output_dir / "run")
        self.log_dir = Path(self.log_dir or self.output_dir / "log")


def default_redirects_map(site_dir):
    """Where build_site writes the nginx redirect map (a setting once it leaves the build)."""
    configured = getattr(settings, "STATIC_SITE_REDIRECTS_MAP", None)
    if configured:
        return Path(configured)
    from frontend.publishing.dependencies import nginx_redirects_file

    return nginx_redirects_file(site_dir)


def locale_prefixes():
    """URL prefixes of the languages: the default language at "/", the others under "/<code>/"."""
    return ["/"] + [
        f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]


def body_limits():
    from museum.donations import conf

    donation = conf.max_request_bytes()
    uploads = max(
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * MB),
        getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 10 * MB) or 10 * MB,
    )
    return {
        "donation_max_body": donation,
        "donation_max_body_human": f"{conf.get('DONATIONS_MAX_TOTAL_BYTES') // MB} MB",
        "admin_max_body": uploads + MB,
    }


def render(config):
    """Write the nginx and systemd files into `config.output_dir`; returns their paths."""
    brotli = {"on": True, "off": False}.get(config.brotli, BROTLI_MODULE.exists())
    context = {
        **vars(config),
        **body_limits(),
        "locale_prefixes": locale_prefixes(),
        "brotli": brotli,
        "brotli_module": str(BROTLI_MODULE) if brotli and BROTLI_MODULE.exists() else "",
        "mime_types": "/etc/nginx/mime.types",
    }
    engine = Engine(dirs=[str(TEMPLATES)], autoescape=False)
    outputs = {
        "nginx.conf": ("nginx/nginx.conf", {}),
        "wzm-site.conf": ("nginx/wzm-site.conf", {}),
        "wzm-proxy.conf": ("nginx/wzm-proxy.conf", {}),
        "wzm-static-headers.conf": ("nginx/wzm-static-headers.conf", {}),
        "systemd/wzm-web.service": ("systemd/wzm-web.service", {}),
        "systemd/wzm-worker.service": ("systemd/wzm-worker.service", {}),
    }
    for job in jobs():
        outputs[f"systemd/{job.name}.service"] = ("systemd/job.service", {"job": job})
        outputs[f"systemd/{job.name}.timer"] = ("systemd/job.timer", {"job": job})
    written = []
    for name, (template, extra) in outputs.items():
        text = engine.get_template(template).render(Context({**context, **extra}))
        path = config.output_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(path)
    for directory in (config.runtime_dir, config.log_dir):
        directory.mkdir(parents=True, exist_ok=True)
    return written
