"""Rebuild, update or clear the search index of the configured backend."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import interface


def _unreachable(exc):
    """An Elasticsearch server that cannot be reached (refused, unknown host, timed out)."""
    try:
        from elasticsearch import ConnectionError as ElasticsearchConnectionError
    except ImportError:  # pragma: no cover - the client is a dependency
        return False
    return isinstance(exc, ElasticsearchConnectionError)


class Command(BaseCommand):
    help = (
        "搜索索引：rebuild 重建、update 增量更新、clear 清空 (rebuild / update / clear the index)"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "clear"])

    def handle(self, *args, action, verbosity=1, **options):
        try:
            self.run(action, verbosity)
        except Exception as exc:
            if not _unreachable(exc):
                raise
            # One line, not a traceback: the operator needs the address, not the stack.
            raise CommandError(
                f"Elasticsearch at {settings.ELASTICSEARCH_URL} cannot be reached; "
                f"the index was not changed ({type(exc).__name__})."
            ) from exc

    def run(self, action, verbosity):
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
