"""Create the local administrator account that the README names, for development only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.users.models import UserProfile

USERNAME = "admin"
PASSWORD = "wenzhou-local-admin"  # noqa: S105 -- documented local-only credentials
EMAIL = "admin@localhost"
#: Accounts this command makes: `check --deploy` fails while any of them exists and is active.
DEBUG_ONLY_USERNAMES = (USERNAME,)


class Command(BaseCommand):
    help = "创建本地管理员账号 admin / wenzhou-local-admin（仅供本地开发，可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="在 DEBUG 关闭时也创建（Create the account even when DEBUG is off）",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG 未开启：本地管理员账号的密码是公开的，不能用于生产环境。"
                "如确需创建，请加 --force。 / DEBUG is off: the local admin password is public "
                "and must not be used in production. Pass --force if you really mean it."
            )
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=USERNAME, defaults={"email": EMAIL})
            user.is_staff = True
            user.is_superuser = True
            user.is_active = True
            if created or not user.check_password(PASSWORD):
                user.set_password(PASSWORD)
            user.save()
            profile = UserProfile.get_for_user(user)
            if profile.preferred_language != "zh-hans":
                profile.preferred_language = "zh-hans"
                profile.save(update_fields=["preferred_language"])
        verb = "已创建" if created else "已存在，已确认"
        self.stdout.write(
            self.style.SUCCESS(
                f"本地管理员账号{verb}：{USERNAME} / {PASSWORD}（仅供本地使用） "
                f"/ local admin {'created' if created else 'confirmed'}: {USERNAME} / {PASSWORD} (local use only)"
            )
        )
