# Sourced by the scripts: the Debian packages the PDF edition needs (WeasyPrint's Pango and
# HarfBuzz, DejaVu for the worksheets' box and arrow glyphs, poppler's pdftotext for the PDF
# tests), installed when one is missing and we are root; elsewhere a note names them.
PDF_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils)
pdf_packages() {
  if command -v dpkg >/dev/null && dpkg -s "${PDF_PACKAGES[@]}" >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${PDF_PACKAGES[*]} for the PDF edition"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PDF_PACKAGES[@]}" >/dev/null
  else
    echo "note: the PDF edition needs ${PDF_PACKAGES[*]} (Debian: apt-get install)" >&2
  fi
}
