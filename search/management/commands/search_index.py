"""Rebuild, update or clear the search index of the configured backend."""

from django.core.management.base import BaseCommand

from search import interface


class Command(BaseCommand):
    help = (
        "搜索索引：rebuild 重建、update 增量更新、clear 清空 (rebuild / update / clear the index)"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "clear"])

    def handle(self, *args, action, verbosity=1, **options):
        out = self.stdout if verbosity else None
        backend = interface.backend_name()
        if action == "clear":
            interface.clear()
            if out:
                out.write(f"Cleared the {backend} search index.")
            return
        if out:
            out.write(f"{action.capitalize()} of the {backend} search index:")
        stats = getattr(interface, action)(stdout=out if verbosity > 1 else None)
        rate = stats["documents"] / stats["seconds"] if stats["seconds"] else 0
        if out:
            out.write(
                self.style.SUCCESS(
                    f"Indexed {stats['documents']} documents in {stats['seconds']:.1f} s "
                    f"({rate:.0f} documents/s)."
                )
            )
