"""CSV downloads: one way to stream a large table to the browser without holding it in memory."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone


class _Echo:
    """A file-like object whose ``write`` returns the line, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def streaming_csv(name: str, header, rows) -> StreamingHttpResponse:
    """``<name>-<YYYYmmdd-HHMM>.csv`` with the header line, then one line per row (lazily)."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response
