"""Papers of a meeting and their versions."""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from house.governance.models import (
    AgendaItem,
    Committee,
    Meeting,
    Paper,
    PaperVersion,
)
from house.governance.services.errors import GovernanceError
from house.locks import lock

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from house.models import User


#: The largest paper file accepted (20 MB).
MAX_PAPER_BYTES = 20 * 1024 * 1024


def add_paper(
    *,
    committee: Committee,
    title: str,
    actor: User,
    upload: UploadedFile,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    public: bool = False,
    reference: str = "",
) -> Paper:
    """File a paper with its first version. A paper on a closed item is never public."""
    if not title.strip():
        raise GovernanceError(_("Please give the paper a title."), field="title")
    if agenda_item is not None:
        meeting = agenda_item.meeting
        public = public and agenda_item.public
    with transaction.atomic():
        paper = Paper.objects.create(
            committee=committee,
            meeting=meeting,
            agenda_item=agenda_item,
            title=title.strip(),
            public=public,
            reference=reference,
        )
        add_paper_version(paper=paper, actor=actor, upload=upload)
    return paper


def add_paper_version(
    *, paper: Paper, actor: User, upload: UploadedFile, note: str = ""
) -> PaperVersion:
    """Add a new version of a paper's file; earlier versions stay available."""
    if upload.size and upload.size > MAX_PAPER_BYTES:
        raise GovernanceError(_("The file is larger than 20 MB."), field="file")
    name = (upload.name or "paper").rsplit("/", 1)[-1][:200]
    with transaction.atomic():
        lock("governance.paper", paper.pk)
        number = (paper.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = PaperVersion(
            paper=paper,
            number=number,
            file_name=name,
            mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=actor,
            note=note[:250],
        )
        version.file.save(name, upload, save=False)
        version.save()
        Paper.objects.filter(pk=paper.pk).update(modified=timezone.now())
    return version
