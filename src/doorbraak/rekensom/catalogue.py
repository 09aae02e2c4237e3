"""Loading the versioned unit-cost catalogue and the CBS price index from the shipped data.

``data/kostenkengetallen-<version>.json`` holds one published version; ``data/cpi.json`` the
CBS consumer price index. Loading is all-or-nothing per file and idempotent: a version that
is already in the database is left exactly as it is (published versions never change; a
correction is a new version). Plans keep the version they were made with.
"""

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from doorbraak.core.versions import load_version

from . import engine

DATA = Path(__file__).resolve().parent / "data"
CPI_FILE = DATA / "cpi.json"

# Items that reveal health or justice data about the household (AVG art. 9 and 10): shown
# only to those whose access includes special categories.
SPECIAL_CATEGORY_PREFIXES = (
    "ggz-",
    "jeugd-ggz-",
    "jeugdhulp-residentieel-ggz",
    "verslavingszorg",
    "beschermd-wonen",
    "gesloten-jeugdhulp",
    "jeugdbescherming",
    "detentie-",
    "politie-",
    "wsnp-",
)

_CODE = re.compile(r"^[a-z0-9-]+$")


class CatalogueError(ValueError):
    """The file cannot be loaded; ``problems`` says what is wrong and where, in Dutch."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def catalogue_files() -> list[Path]:
    return sorted(DATA.glob("kostenkengetallen-*.json"))


def is_special_category(code: str) -> bool:
    return code.startswith(SPECIAL_CATEGORY_PREFIXES)


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def check_catalogue(raw: dict) -> list[str]:
    """Every problem of a catalogue file, each naming the item and the field."""
    problems = []
    for key in ("version", "title", "price_year", "published_on", "items"):
        if key not in raw:
            problems.append(_("The catalogue lacks the field “%(field)s”.") % {"field": key})
    if problems:
        return problems
    seen = set()
    for n, item in enumerate(raw["items"], start=1):
        where = _("item %(n)s (%(code)s)") % {"n": n, "code": item.get("code", "?")}

        def problem(field, message, where=where):
            problems.append(f"{where}, {field}: {message}")

        code = item.get("code", "")
        if not _CODE.match(code):
            problem("code", _("use lower-case letters, digits and hyphens only"))
        if code in seen:
            problem("code", _("this code occurs twice"))
        seen.add(code)
        for field in ("name", "unit_label"):
            if not str(item.get(field, "")).strip():
                problem(field, _("is empty"))
        if item.get("unit") not in engine.UNITS:
            problem("unit", _("must be one of %(units)s") % {"units": ", ".join(engine.UNITS)})
        amount = _decimal(item.get("amount"))
        if amount is None or amount <= 0 or amount != amount.quantize(engine.CENT):
            problem("amount", _("must be a positive amount in euros with at most two decimals"))
        if not isinstance(item.get("price_year"), int) or not 1990 <= item["price_year"] <= 2100:
            problem("price_year", _("must be a year"))
        if item.get("payer") not in engine.PAYERS:
            problem("payer", _("unknown payer “%(payer)s”") % {"payer": item.get("payer")})
        uncertainty = _decimal(item.get("uncertainty"))
        if uncertainty is None or not 0 <= uncertainty <= 1:
            problem("uncertainty", _("must be between 0 and 1"))
        source = item.get("source") or {}
        if not (str(source.get("title", "")).strip() and str(source.get("publisher", "")).strip()):
            problem("source", _("every item needs a source with a title and a publisher"))
        url = source.get("url")
        if url and not str(url).startswith("https://"):
            problem("source.url", _("must be an https address"))
        if not url and not item.get("indicatief"):
            problem("source.url", _("an item without a public link must be marked indicatief"))
    return problems


@transaction.atomic
def load_catalogue(path: Path, *, models=None, make_current: bool = True):
    """Load one catalogue file; returns (catalogue, created). Checks everything first."""
    Catalogue, CatalogueItem = models or _models()
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = check_catalogue(raw)
    if problems:
        raise CatalogueError(problems)

    def fill(catalogue):
        CatalogueItem.objects.bulk_create(
            [
                CatalogueItem(
                    catalogue=catalogue,
                    code=item["code"],
                    name=item["name"],
                    description=item.get("description", ""),
                    unit=item["unit"],
                    unit_label=item["unit_label"],
                    amount=Decimal(item["amount"]),
                    price_year=item["price_year"],
                    payer=item["payer"],
                    indicatief=bool(item.get("indicatief")),
                    uncertainty=Decimal(item["uncertainty"]),
                    special_category=is_special_category(item["code"]),
                    source_title=item["source"]["title"],
                    source_publisher=item["source"]["publisher"],
                    source_url=item["source"].get("url") or "",
                    source_date=str(item["source"].get("date") or ""),
                    derivation=item.get("derivation", ""),
                )
                for item in raw["items"]
            ]
        )

    return load_version(
        Catalogue,
        raw["version"],
        fields={
            "title": raw["title"],
            "price_year": raw["price_year"],
            "published_on": raw["published_on"],
            "notes": raw.get("notes", ""),
        },
        fill=fill,
        make_current=make_current,
    )


@transaction.atomic
def load_price_index(path: Path = CPI_FILE, *, model=None) -> int:
    PriceIndex = model or _price_index_model()
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = {int(year): _decimal(value) for year, value in raw["years"].items()}
    bad = [str(year) for year, value in rows.items() if value is None or value <= 0]
    if bad:
        raise CatalogueError(
            [_("Price index: no valid value for %(years)s.") % {"years": ", ".join(bad)}]
        )
    for year, value in rows.items():
        PriceIndex.objects.update_or_create(year=year, defaults={"value": value})
    return len(rows)


def load_all(*, apps=None) -> None:
    """Every shipped catalogue (the newest becomes current) and the price index."""
    models = None
    index_model = None
    if apps is not None:
        models = (
            apps.get_model("rekensom", "Catalogue"),
            apps.get_model("rekensom", "CatalogueItem"),
        )
        index_model = apps.get_model("rekensom", "PriceIndex")
    for path in catalogue_files():
        load_catalogue(path, models=models)
    load_price_index(model=index_model)


def _models():
    from .models import Catalogue, CatalogueItem

    return Catalogue, CatalogueItem


def _price_index_model():
    from .models import PriceIndex

    return PriceIndex
