"""The default SQLite database is set up for two writers: the server and the task worker.

Both run ``manage.py`` with the same settings; this runs it in a subprocess with the dev
settings, as ``make run`` does, and asks the connection what it got.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
print(json.dumps({"journal": journal, "busy": busy, "mode": connection.transaction_mode}))
"""


def test_sqlite_waits_for_the_other_writer_instead_of_failing(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.db'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    got = json.loads(result.stdout.strip().splitlines()[-1])
    # WAL: readers do not block the writer; IMMEDIATE: a transaction takes the write lock
    # when it begins, so it waits (busy_timeout) rather than failing on a lock upgrade.
    assert got == {"journal": "wal", "busy": 20000, "mode": "IMMEDIATE"}
