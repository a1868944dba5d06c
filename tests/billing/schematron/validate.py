"""Offline validation of the e-invoices with the official rules (see README.md here).

The CEN's EN 16931 schematron for CII (compiled XSLT of its release) and the
KoSIT XRechnung schematron (compiled from the official source with SchXslt,
the tool of its own build) run in Saxon; the XML is also checked against the
UN/CEFACT CII D16B schema and the Factur-X EN 16931 schema. Nothing leaves the
machine: invoices hold personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

HERE = Path(__file__).parent
EN16931_XSLT = HERE / "en16931" / "EN16931-CII-validation.xslt"
XRECHNUNG_XSLT = HERE / "xrechnung" / "XRechnung-CII-validation.xsl"
CII_XSD = HERE / "cii-xsd" / "CrossIndustryInvoice_100pD16B.xsd"
SVRL = "http://purl.oclc.org/dsdl/svrl"
BLOCKING = {"fatal", "error"}


@dataclass(frozen=True)
class Finding:
    rule: str
    flag: str
    text: str

    @property
    def blocking(self) -> bool:
        return self.flag in BLOCKING


class Validator:
    """Both schematrons compiled once; call :meth:`findings` per document."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.en16931 = compiler.compile_stylesheet(stylesheet_file=str(EN16931_XSLT))
        self.xrechnung = compiler.compile_stylesheet(stylesheet_file=str(XRECHNUNG_XSLT))
        self.schema = etree.XMLSchema(etree.parse(str(CII_XSD)))

    def _run(self, executable: object, xml: bytes) -> list[Finding]:
        node = self.processor.parse_xml(xml_text=xml.decode("utf-8"))
        report = executable.transform_to_string(xdm_node=node)  # type: ignore[attr-defined]
        tree = etree.fromstring(report.encode("utf-8"))
        found = []
        for element in tree.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
            text = " ".join("".join(element.itertext()).split())
            found.append(Finding(element.get("id", ""), element.get("flag", "error"), text))
        return found

    def findings(self, xml: bytes, *, xrechnung: bool) -> list[Finding]:
        found = self._run(self.en16931, xml)
        if xrechnung:
            found += self._run(self.xrechnung, xml)
        return found

    def errors(self, xml: bytes, *, xrechnung: bool) -> list[Finding]:
        return [f for f in self.findings(xml, xrechnung=xrechnung) if f.blocking]

    def schema_errors(self, xml: bytes) -> list[str]:
        document = etree.fromstring(xml)
        if self.schema.validate(document):
            return []
        return [str(error) for error in self.schema.error_log]
