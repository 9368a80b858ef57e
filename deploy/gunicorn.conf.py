"""gunicorn settings for the app server behind nginx (deploy/templates/systemd/wzm-web.service).

nginx buffers whole requests and responses, so threads here only ever wait on the database.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", "0")) or multiprocessing.cpu_count() * 2 + 1
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A full re-render after a menu change can take a while until publishing leaves the request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host talks to gunicorn; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}i)s'
