"""Rebuild, update or clear the search index of the configured backend."""

from django.core.management.base import BaseCommand

from search import interface


class Command(BaseCommand):
    help = "搜索索引：rebuild 重建、update 增量更新、clear 清空 (rebuild / update / clear the index)"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "clear"])

    def handle(self, *args, action, **options):
        backend = interface.backend_name()
        if action == "clear":
            interface.clear()
            self.stdout.write(f"Cleared the {backend} search index.")
            return
        self.stdout.write(f"{action.capitalize()} of the {backend} search index:")
        stats = getattr(interface, action)(stdout=self.stdout)
        rate = stats["documents"] / stats["seconds"] if stats["seconds"] else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {stats['documents']} documents in {stats['seconds']:.1f} s "
                f"({rate:.0f} documents/s)."
            )
        )
