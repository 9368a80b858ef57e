"""django-tasks-db's worker, which first requeues the publishes a dead worker left behind.

django-tasks-db leaves a task RUNNING when its worker is killed; the static site's own
state (`frontend.publishing.queue`) knows which publishes those were and queues them again.
"""

from django_tasks_db.management.commands import db_worker

from frontend.publishing.queue import recover


class Command(db_worker.Command):
    help = db_worker.Command.help + "; first requeues publishes left by a dead worker"

    def handle(self, *args, **options):
        batches = recover()
        if batches and options["verbosity"]:
            self.stdout.write(f"Requeued {len(batches)} static-site publish batch(es).")
        return super().handle(*args, **options)
