"""The WSGI entry point for gunicorn: production settings unless DJANGO_SETTINGS_MODULE says
otherwise, so a forgotten variable fails loudly (no secret) instead of serving with DEBUG on."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
