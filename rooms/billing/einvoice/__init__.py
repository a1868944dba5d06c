"""Electronic invoices (EN 16931) of the conference centre.

Every invoice and cancellation invoice is also written as structured data in
the UN/CEFACT Cross Industry Invoice syntax (CII). Public-sector bookers
receive it as an XRechnung (the German CIUS, with their Leitweg-ID as buyer
reference); everyone else receives a ZUGFeRD / Factur-X PDF/A-3 (profile
EN 16931) that carries the same XML inside the readable invoice.

One syntax serves both: ZUGFeRD requires CII, and XRechnung accepts it, so the
house writes and tests a single mapping of its invoices.
"""
