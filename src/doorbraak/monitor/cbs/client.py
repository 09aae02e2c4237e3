"""A small client for the CBS open data API (OData v3), with ``urllib`` only.

``https://opendata.cbs.nl/ODataApi/odata/<table>/`` serves ``TableInfos``, ``DataProperties``,
``CategoryGroups`` and ``TypedDataSet`` as JSON ``{"odata.metadata": …, "value": [...]}``; a page
holds at most 10,000 rows and names the next one in ``odata.nextLink``. The transport (URL →
status and body) is injectable, so tests replay recorded responses and never use the network.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urljoin

DEFAULT_BASE_URL = "https://opendata.cbs.nl/ODataApi/odata/"
DEFAULT_TIMEOUT = 30.0
MAX_PAGES = 10_000  # 100 million rows: a guard against a nextLink that never ends


class CbsUnavailable(Exception):
    """The server cannot be reached or answers with something that is not OData JSON."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(
            f"CBS open data is niet bereikbaar ({reason}); "
            "probeer het later opnieuw of laad een bestand."
        )


class CbsError(Exception):
    """The server answered, but with an OData error or with something we cannot use."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


Transport = Callable[[str, float], Response]


def urllib_transport(url: str, timeout: float) -> Response:
    """GET ``url``; HTTP errors become a Response, network errors propagate (URLError, OSError)."""
    from urllib.request import Request, urlopen

    if not url.startswith(("https://", "http://")):
        raise URLError(f"geen http(s)-adres: {url}")
    request = Request(  # noqa: S310 (scheme checked above)
        url, headers={"Accept": "application/json", "User-Agent": "doorbraak-fetch-cbs/1"}
    )
    try:
        with urlopen(request, timeout=timeout) as answer:  # noqa: S310 (scheme checked above)
            return Response(answer.status, answer.read())
    except HTTPError as error:
        with error:
            return Response(error.code, error.read() or b"")


class RecordedTransport:
    """Replays responses: ``{url: path | bytes | Response | Exception}``; unknown URLs fail."""

    def __init__(self, responses: Mapping[str, object]):
        self.responses = dict(responses)
        self.requested: list[str] = []

    def __call__(self, url: str, timeout: float) -> Response:
        self.requested.append(url)
        if url not in self.responses:
            raise URLError(f"geen opgenomen antwoord voor {url}")
        answer = self.responses[url]
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, Response):
            return answer
        if isinstance(answer, Path):
            return Response(200, answer.read_bytes())
        if isinstance(answer, str):
            return Response(200, answer.encode("utf-8"))
        return Response(200, bytes(answer))


class DirectoryTransport:
    """Reads saved answers from a folder: ``<Entity>.json``, a next page ``<Entity>_skip<N>.json``.

    For an offline load of files saved from the API (``TableInfos.json``, ``DataProperties.json``,
    ``TypedDataSet.json``); the query options of the URL are ignored apart from ``$skip``.
    """

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    def __call__(self, url: str, timeout: float) -> Response:
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(url)
        entity = parts.path.rstrip("/").rsplit("/", 1)[-1]
        skip = parse_qs(parts.query).get("$skip", [""])[0]
        path = self.folder / (f"{entity}_skip{skip}.json" if skip else f"{entity}.json")
        if not path.is_file():
            raise URLError(f"bestand {path} ontbreekt")
        return Response(200, path.read_bytes())


def _error_message(payload: dict) -> str:
    error = payload.get("odata.error") or {}
    message = error.get("message")
    if isinstance(message, dict):
        message = message.get("value")
    code = error.get("code")
    text = message or "onbekende fout"
    return f"CBS meldt een fout: {text}" + (f" (code {code})" if code else "")


class CbsClient:
    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: Transport | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.transport = transport or urllib_transport
        self.timeout = timeout

    # -- URLs -------------------------------------------------------------------------------
    def url(self, table: str, entity: str, **params: str | None) -> str:
        query = {"$format": "json"}
        query.update({f"${name}": value for name, value in params.items() if value})
        return f"{self.base_url}{quote(table)}/{entity}?" + urlencode(
            query, quote_via=quote, safe="$,'()"
        )

    # -- Requests ---------------------------------------------------------------------------
    def get_json(self, url: str) -> dict | list:
        try:
            response = self.transport(url, self.timeout)
        except (URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", None) or error
            raise CbsUnavailable(f"{url}: {reason}") from error
        payload = None
        try:
            payload = json.loads(response.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            payload = None
        if isinstance(payload, dict) and "odata.error" in payload:
            raise CbsError(_error_message(payload))
        if response.status >= 500:
            raise CbsUnavailable(f"HTTP {response.status} van {url}")
        if response.status >= 400:
            raise CbsError(f"CBS weigert het verzoek (HTTP {response.status}): {url}")
        if payload is None:
            raise CbsUnavailable(f"geen geldige JSON van {url}")
        return payload

    def get_rows(self, url: str) -> list[dict]:
        """All rows of an entity set, following ``odata.nextLink`` page by page."""
        rows: list[dict] = []
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            if next_url in seen or len(seen) >= MAX_PAGES:
                raise CbsError(f"CBS-paginering loopt rond bij {next_url}")
            seen.add(next_url)
            payload = self.get_json(next_url)
            if isinstance(payload, list):  # a recorded value array without the envelope
                page, link = payload, None
            elif isinstance(payload, dict) and isinstance(payload.get("value"), list):
                page, link = payload["value"], payload.get("odata.nextLink")
            else:
                raise CbsError(f"onverwacht antwoord van CBS (geen 'value'-lijst): {next_url}")
            if not all(isinstance(row, dict) for row in page):
                raise CbsError(
                    f"onverwacht antwoord van CBS (rijen zijn geen objecten): {next_url}"
                )
            rows.extend(page)
            next_url = urljoin(next_url, link) if link else None
        return rows

    # -- Entity sets ------------------------------------------------------------------------
    def table_info(self, table: str) -> dict:
        rows = self.get_rows(self.url(table, "TableInfos"))
        if not rows:
            raise CbsError(f"CBS kent geen tabel {table} (TableInfos is leeg).")
        return rows[0]

    def data_properties(self, table: str) -> list[dict]:
        return self.get_rows(self.url(table, "DataProperties"))

    def typed_data_set(
        self, table: str, *, select: list[str] | None = None, filter: str | None = None
    ) -> list[dict]:
        return self.get_rows(self.typed_data_set_url(table, select=select, filter=filter))

    def typed_data_set_url(
        self, table: str, *, select: list[str] | None = None, filter: str | None = None
    ) -> str:
        return self.url(
            table, "TypedDataSet", select=",".join(select) if select else None, filter=filter
        )
