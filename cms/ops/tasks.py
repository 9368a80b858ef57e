from django.utils import timezone

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import task


@task(priority=100)
def heartbeat():
    """Run by the worker: proves it takes tasks from the queue."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(pk=1, defaults={"beat_at": timezone.now()})
