from django.db import models


class WorkerHeartbeat(models.Model):
    """One row: when the background worker last ran the heartbeat task (see `health`)."""

    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self):
        return f"worker heartbeat at {self.beat_at:%Y-%m-%d %H:%M:%S}"
