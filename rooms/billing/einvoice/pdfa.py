"""What makes the ZUGFeRD invoice an archivable PDF/A-3b beyond what ``factur-x`` writes.

A format module: bytes in, bytes out. ``factur-x`` embeds the XML and
declares PDF/A-3 in the XMP metadata; PDF/A also asks for

- an output intent naming the colour space the page is drawn in (sRGB, the
  profile Little CMS builds, through Pillow),
- XMP metadata that says the same as the document information dictionary
  (``factur-x`` leaves the producer and the keywords out of step),
- a header of the PDF version whose features the file uses (1.7: embedded
  files with a relationship, ``/AF``).
"""

from __future__ import annotations

import io
from functools import cache

import pikepdf
from PIL import ImageCms

#: The output condition the sRGB profile stands for (ICC registry name).
SRGB = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile (a display profile of three components)."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def archivable(content: bytes) -> bytes:
    """``content``, a PDF declaring PDF/A-3, with the sRGB output intent and metadata in step."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        profile = pdf.make_stream(srgb_profile(), N=3, Alternate=pikepdf.Name.DeviceRGB)
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.OutputIntent,
                        S=pikepdf.Name.GTS_PDFA1,
                        OutputConditionIdentifier=SRGB,
                        Info=SRGB,
                        RegistryName="http://www.color.org",
                        DestOutputProfile=profile,
                    )
                )
            ]
        )
        # What the information dictionary says, the XMP metadata must say too;
        # "Trapped" (optional, of no use for an invoice) gets no XMP counterpart
        # here, so it goes.
        if pikepdf.Name.Trapped in pdf.docinfo:
            del pdf.docinfo[pikepdf.Name.Trapped]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
            metadata.load_from_docinfo(pdf.docinfo)
        output = io.BytesIO()
        pdf.save(output, min_version="1.7")
    return output.getvalue()
