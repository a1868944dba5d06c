"""E-mail backend for development: every message is kept in a folder and shown on the console."""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FolderAndConsoleEmailBackend(FileBackend):
    """Writes each message to ``EMAIL_FILE_PATH`` and echoes it to stdout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._console = ConsoleBackend(*args, **kwargs)

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        self._console.send_messages(email_messages)
        return sent
