"""A local SMTP sink for the outbox reliability test: one file per received message.

Run as ``python tests/rooms/smtp_sink.py PORT FOLDER DELAY``. It waits ``DELAY`` seconds
before accepting each MAIL FROM, so a test can kill a worker while it is sending. It uses
the standard library's ``smtpd`` (Python 3.11), so no extra package is needed.
"""

from __future__ import annotations

import sys
import time
import uuid
import warnings
from pathlib import Path

warnings.simplefilter("ignore", DeprecationWarning)

import asyncore  # noqa: E402
import smtpd  # noqa: E402


class SlowChannel(smtpd.SMTPChannel):
    delay = 0.0

    def smtp_MAIL(self, arg):  # noqa: N802 - smtpd's naming
        time.sleep(self.delay)
        super().smtp_MAIL(arg)


class Sink(smtpd.SMTPServer):
    channel_class = SlowChannel

    def __init__(self, port: int, folder: Path) -> None:
        super().__init__(("127.0.0.1", port), None, decode_data=False)
        self.folder = folder

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        (self.folder / (name + ".part")).write_bytes(data)
        (self.folder / (name + ".part")).rename(self.folder / name)


if __name__ == "__main__":
    port, folder, delay = int(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
    folder.mkdir(parents=True, exist_ok=True)
    SlowChannel.delay = delay
    Sink(port, folder)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    asyncore.loop(timeout=0.05)
