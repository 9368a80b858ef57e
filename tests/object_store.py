"""An S3-compatible TEST server for the object-storage tests: moto's server mode (`moto_server`,
from PyPI), started as a real process on a free port. It stands in for Aliyun OSS, Tencent COS,
MinIO or AWS S3; nothing here talks to a real cloud."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from cms.settings.object_storage import site_work_dir, storages_from_env


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    port = _free_port()
    binary = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(binary), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=2)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("moto_server exited") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("moto_server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class ObjectStore:
    url: str
    env: dict
    client: object
    media: str
    private: str
    site: str
    work_dir: Path

    def keys(self, bucket):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(o["Key"] for page in pages for o in page.get("Contents", []))

    def public_get(self, bucket, key):
        """An anonymous GET, as a visitor's browser would make it: (status, headers, body)."""
        try:
            with urllib.request.urlopen(f"{self.url}/{bucket}/{key}", timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, b""


@pytest.fixture
def object_storage(s3_server, settings, tmp_path):
    """STORAGES as the environment variables of README "Deploying" make them, on fresh buckets;
    MEDIA_ROOT (and so the private root beside it) under tmp_path, to show nothing lands there."""
    token = uuid.uuid4().hex[:10]
    env = {
        "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",  # a test server's; accepts any
        "S3_REGION": "us-east-1",
        "S3_ADDRESSING_STYLE": "path",
        "S3_MEDIA_BUCKET": f"wzm-media-{token}",
        "S3_PRIVATE_BUCKET": f"wzm-private-{token}",
        "S3_SITE_BUCKET": f"wzm-site-{token}",
        "STATIC_SITE_WORK_DIR": str(tmp_path / "work" / "site"),
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106
        region_name="us-east-1",
    )
    for name in ("S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "S3_SITE_BUCKET"):
        client.create_bucket(Bucket=env[name])
    settings.STORAGES = {**settings.STORAGES, **storages_from_env(env)}
    settings.MEDIA_ROOT = tmp_path / "local" / "media"
    return ObjectStore(
        url=s3_server,
        env=env,
        client=client,
        media=env["S3_MEDIA_BUCKET"],
        private=env["S3_PRIVATE_BUCKET"],
        site=env["S3_SITE_BUCKET"],
        work_dir=Path(site_work_dir(env)),
    )


def tree(path):
    """Every file under `path` (empty when it does not exist)."""
    path = Path(path)
    return sorted(os.path.join(d, f) for d, _, files in os.walk(path) for f in files)
