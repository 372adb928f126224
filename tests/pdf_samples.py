"""PDF samples the upload checks (careers.core.pdfs) accept."""

# A minimal well-formed one-page PDF (as pypdf writes it: cross-reference table, startxref).
MINIMAL_PDF = (b"%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
               b"2 0 obj\n<< /Type /Pages /Count 1 /Kids [ 3 0 R ] >>\nendobj\n"
               b"3 0 obj\n<< /Type /Page /Resources << >> /MediaBox [ 0 0 595 842 ] /Parent 2 0 R >>\nendobj\n"
               b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000117 00000 n \n"
               b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n207\n%%EOF\n")
