"""The certificate as a PDF: WeasyPrint renders an HTML template, segno draws the QR code.

The file name is neutral ("certificaat-weerbaar-…"): learners show it to employers and registers,
and it must not label them.
"""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from django.utils.text import slugify

from .models import Certificate


def certificate_filename(certificate: Certificate) -> str:
    return f"certificaat-weerbaar-{slugify(certificate.code[:10]).lower()}.pdf"


def certificate_qr_svg(verify_url: str) -> str:
    return segno.make(verify_url, error="m").svg_inline(scale=3, dark="#1b2a41")


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which pages that never make a PDF need not pay.
    from weasyprint import HTML

    html = render_to_string(
        "courses/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr_svg": certificate_qr_svg(verify_url),
        },
    )
    # Tagged (PDF/UA-1): a screen reader follows the structure, in the language of <html lang>,
    # and viewers show the <title> instead of the file name (EN 301 549, clause 10).
    return HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
