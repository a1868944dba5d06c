"""The ZUGFeRD invoice is an archivable PDF/A-3b: what can be checked without a validator.

Where veraPDF is installed (``verapdf`` on the path), the last test lets it judge too.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms

from rooms.billing.einvoice.cii import invoice_xml
from rooms.billing.einvoice.zugferd import zugferd_pdf
from rooms.billing.services import cancel_invoice, issue_invoice

pytestmark = pytest.mark.django_db

#: The namespace of the Factur-X (ZUGFeRD) XMP extension schema.
FACTUR_X = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"


@pytest.fixture
def invoice(issuer, booking, manager):
    return issue_invoice(booking=booking, actor=manager)


@pytest.fixture
def content(invoice):
    return zugferd_pdf(invoice)


@pytest.fixture
def pdf(content):
    with pikepdf.open(io.BytesIO(content)) as opened:
        yield opened


def info_date(value: str) -> dt.datetime:
    """D:20261130094820+00'00' (PDF) as a datetime with its offset."""
    offset = value[16:].replace("'", "")
    if offset in ("Z", ""):
        offset = "+0000"
    return dt.datetime.strptime(value[2:16] + offset, "%Y%m%d%H%M%S%z")


def test_the_page_colours_are_declared_srgb_by_an_output_intent(pdf):
    [intent] = pdf.Root.OutputIntents
    assert intent.Type == pikepdf.Name.OutputIntent
    assert intent.S == pikepdf.Name.GTS_PDFA1
    assert str(intent.OutputConditionIdentifier)
    icc = intent.DestOutputProfile
    assert isinstance(icc, pikepdf.Stream)
    assert icc.N == 3
    data = icc.read_bytes()
    assert data[12:16] == b"mntr"
    assert data[16:20] == b"RGB "
    assert data[36:40] == b"acsp"
    assert int(data[8]) <= 4, "PDF/A-3 knows ICC profiles up to version 4"
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    assert "sRGB" in ImageCms.getProfileDescription(profile)


def test_the_xmp_metadata_declares_pdf_a_3b_and_matches_the_document_info(pdf, invoice):
    stream = pdf.Root.Metadata
    assert pikepdf.Name.Filter not in stream, "PDF/A keeps the XMP packet readable"
    meta = pdf.open_metadata()
    assert meta["pdfaid:part"] == "3"
    assert meta["pdfaid:conformance"] == "B"
    assert meta.pdfa_status == "3B"
    info = pdf.docinfo
    title = f"{invoice.issuer_name}: Rechnung {invoice.number}"
    assert meta["dc:title"] == str(info.Title) == title
    assert meta["dc:creator"] == [str(info.Author)]
    assert meta["dc:description"] == str(info.Subject)
    assert meta["pdf:Keywords"] == str(info.Keywords)
    assert meta["pdf:Producer"] == str(info.Producer)
    assert meta["xmp:CreatorTool"] == str(info.Creator)
    assert dt.datetime.fromisoformat(meta["xmp:CreateDate"]) == info_date(str(info.CreationDate))
    assert dt.datetime.fromisoformat(meta["xmp:ModifyDate"]) == info_date(str(info.ModDate))
    entries = {"/Title", "/Author", "/Subject", "/Keywords", "/Producer", "/Creator"}
    assert set(info.keys()) <= entries | {"/CreationDate", "/ModDate"}
    assert meta[f"{{{FACTUR_X}}}ConformanceLevel"] == "EN 16931"
    assert meta[f"{{{FACTUR_X}}}DocumentFileName"] == "factur-x.xml"


def fonts(resources: pikepdf.Dictionary):
    """Every font a page draws with, also inside its form XObjects."""
    yield from resources.get("/Font", {}).values()
    for xobject in resources.get("/XObject", {}).values():
        if xobject.Subtype == pikepdf.Name.Form and "/Resources" in xobject:
            yield from fonts(xobject.Resources)


def test_every_font_is_embedded(pdf):
    seen = 0
    for page in pdf.pages:
        for font in fonts(page.Resources):
            seen += 1
            program = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = program.FontDescriptor
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), (
                f"{font.BaseFont} is not embedded"
            )
            if font.Subtype == pikepdf.Name.TrueType and int(descriptor.Flags) & 4:
                assert "/Encoding" not in font, "a symbolic TrueType font names no encoding"
    assert seen >= 2


def test_the_xml_is_attached_as_the_data_of_the_invoice(pdf, invoice):
    assert "factur-x.xml" in pdf.attachments
    spec = pdf.attachments["factur-x.xml"]
    assert spec.get_file().read_bytes() == invoice_xml(invoice)
    assert spec.obj.AFRelationship == pikepdf.Name.Data
    assert spec.obj.UF == "factur-x.xml"
    assert spec.obj.EF.F.Subtype == pikepdf.Name("/text/xml")
    assert "/ModDate" in spec.obj.EF.F.Params
    assert [entry.objgen for entry in pdf.Root.AF] == [spec.obj.objgen]


def test_nothing_pdf_a_forbids_is_in_the_file(pdf, content):
    assert not pdf.is_encrypted
    assert "/Encrypt" not in pdf.trailer
    assert len(pdf.trailer.ID) == 2
    assert pdf.pdf_version == "1.7"
    assert content.startswith(b"%PDF-1.7")
    assert "/JavaScript" not in pdf.Root.get("/Names", {})
    assert "/OpenAction" not in pdf.Root
    for page in pdf.pages:
        group = page.obj.get("/Group")
        assert group is None or group.get("/S") != pikepdf.Name.Transparency
        assert "/Annots" not in page.obj
        for state in page.Resources.get("/ExtGState", {}).values():
            assert float(state.get("/CA", 1)) == float(state.get("/ca", 1)) == 1
            assert state.get("/BM", pikepdf.Name.Normal) == pikepdf.Name.Normal
            assert "/SMask" not in state or state.SMask == pikepdf.Name("/None")
        for xobject in page.Resources.get("/XObject", {}).values():
            if xobject.Subtype == pikepdf.Name.Image:
                assert "/SMask" not in xobject
                assert not xobject.get("/Interpolate", False)
                assert xobject.ColorSpace in (pikepdf.Name.DeviceRGB, pikepdf.Name.DeviceGray)
        operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
        assert not operators & {"k", "K"}, "CMYK colours need a CMYK output intent"


def test_a_cancellation_is_archivable_too(invoice, manager):
    cancellation = cancel_invoice(invoice=invoice, reason="Doppelt gebucht", actor=manager)
    with pikepdf.open(io.BytesIO(zugferd_pdf(cancellation, language="en"))) as pdf:
        assert pdf.Root.OutputIntents[0].DestOutputProfile.N == 3
        assert pdf.open_metadata().pdfa_status == "3B"
        assert pdf.attachments["factur-x.xml"].get_file().read_bytes() == invoice_xml(cancellation)


@pytest.mark.skipif(shutil.which("verapdf") is None, reason="veraPDF is not installed")
def test_verapdf_finds_the_invoice_pdf_a_3b(content, tmp_path: Path):
    path = tmp_path / "invoice.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["verapdf", "--flavour", "3b", "--format", "text", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.startswith("PASS"), result.stdout + result.stderr
