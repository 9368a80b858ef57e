from django.core.management.base import BaseCommand

from cms.ops.deploy import DeployConfig, render


class Command(BaseCommand):
    help = (
        "Render the nginx site and the systemd units of deploy/ from the settings into a directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="directory to write the files to")
        parser.add_argument(
            "--server-name", default="", help="nginx server_name; default: SITE_URL's host"
        )
        parser.add_argument("--listen", default="80", help='nginx listen, e.g. "80" or "443 ssl"')
        parser.add_argument(
            "--app-address",
            action="append",
            default=[],
            help="gunicorn address (repeat for several app servers); default: GUNICORN_BIND or 127.0.0.1:8001",
        )
        parser.add_argument(
            "--site-dir", default=None, help="the published site; default: STATIC_SITE_DIR"
        )
        parser.add_argument(
            "--redirects-map", default=None, help="nginx redirect map written by build_site"
        )
        parser.add_argument("--app-dir", default=None, help="the checkout; default: this one")
        parser.add_argument(
            "--python", default="", help="the virtualenv's python; default: this one"
        )
        parser.add_argument("--user", default="wzm")
        parser.add_argument("--group", default="wzm")
        parser.add_argument("--env-file", default="/etc/wzm/env")
        parser.add_argument(
            "--runtime-dir", default=None, help="standalone nginx.conf: pid and temp files"
        )
        parser.add_argument("--log-dir", default=None, help="standalone nginx.conf: logs")
        parser.add_argument(
            "--nginx-user", default="www-data", help="standalone nginx.conf: worker user"
        )
        parser.add_argument("--brotli", choices=["auto", "on", "off"], default="auto")
        parser.add_argument("--tls-certificate", default="")
        parser.add_argument("--tls-certificate-key", default="")
        parser.add_argument("--proxy-read-timeout", type=int, default=60)

    def handle(self, *args, **options):
        config = DeployConfig(
            output_dir=options["output"],
            server_name=options["server_name"],
            listen=options["listen"],
            app_addresses=options["app_address"],
            site_dir=options["site_dir"],
            redirects_map=options["redirects_map"],
            app_dir=options["app_dir"],
            python=options["python"],
            user=options["user"],
            group=options["group"],
            env_file=options["env_file"],
            runtime_dir=options["runtime_dir"],
            log_dir=options["log_dir"],
            nginx_user=options["nginx_user"],
            brotli=options["brotli"],
            tls_certificate=options["tls_certificate"],
            tls_certificate_key=options["tls_certificate_key"],
            proxy_read_timeout=options["proxy_read_timeout"],
        )
        for path in render(config):
            self.stdout.write(str(path))
