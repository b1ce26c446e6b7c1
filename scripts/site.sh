#!/usr/bin/env bash
# Set up, check the question banks, and build the site from clean with warnings as errors.
#   scripts/site.sh          build into _build/html
#   scripts/site.sh --serve  build, then serve it on http://127.0.0.1:8000 (Ctrl+C to stop;
#                            PORT=9000 scripts/site.sh --serve for another port)
#   scripts/site.sh --pdf    first the PDF edition (_build/pdf/benzodiazepines-and-sleep.pdf;
#                            BOOK_PDF_PAPER=letter for US Letter), then the site, which links
#                            and carries it (a site built without a PDF beside it shows no link)
source "$(dirname "$0")/_setup.sh"
source scripts/_pdf_packages.sh
python -m quizzes check
if [[ " $* " == *" --pdf "* ]]; then
  pdf_packages
  python -m quizzes.pdf --paper "${BOOK_PDF_PAPER:-a4}"
fi
rm -rf _build/html   # keep the execution cache (_build/.jupyter_cache), rebuild the pages
jupyter-book build . -W -n --keep-going
if [[ " $* " == *" --serve "* ]]; then
  echo "Serving on http://127.0.0.1:${PORT:-8000} (Ctrl+C to stop)"
  exec python -m http.server "${PORT:-8000}" --bind 127.0.0.1 --directory _build/html
fi
