"""PDF documents (the printed maatwerkplan, a data subject's copy) rendered with WeasyPrint.

WeasyPrint is imported lazily (it is heavy), and it may fetch nothing: no network, no files.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse

PRINT_CSS = "css/print.css"


def _refusing_fetcher():
    """A URL fetcher that fetches nothing: a PDF never reaches out to the network or disk."""

    def refuse(url, *args, **kwargs):
        raise ValueError(f"external resource refused: {url}")

    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # older WeasyPrint takes a plain callable
        return refuse

    class Refusing(URLFetcher):
        def fetch(self, url, headers=None):
            refuse(url)

    return Refusing()


def stylesheet_text(name: str = PRINT_CSS) -> str:
    path = finders.find(name)
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def html_to_pdf(html: str, stylesheet: str = PRINT_CSS) -> bytes:
    """Render an HTML document to PDF with WeasyPrint (imported here: it is heavy)."""
    import weasyprint

    fetcher = _refusing_fetcher()
    css = weasyprint.CSS(string=stylesheet_text(stylesheet), url_fetcher=fetcher)
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[css])


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
