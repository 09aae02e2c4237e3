"""Loading the catalogue of legal provisions from ``data/bepalingen-<version>.json``.

All-or-nothing per file and idempotent, like the unit-cost catalogue: a loaded version is
never changed; a plan's attached provisions keep pointing at the version they were taken from.
"""

import json
import re
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from doorbraak.core.versions import load_version

DATA = Path(__file__).resolve().parent / "data"

APPLIERS = {
    "gemeente",
    "gemeenteraad",
    "uwv",
    "svb",
    "duo",
    "cak",
    "cjib",
    "toeslagen",
    "belastingdienst",
    "zorgverzekeraar",
    "zorgkantoor",
    "woningcorporatie",
    "rechtbank",
    "openbaar_ministerie",
    "raad_rechtsbijstand",
    "elk_bestuursorgaan",
    "verhuurder",
}
DOMAINS = {
    "financien",
    "werk_opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "basale_adl",
    "instrumentele_adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
}
KINDS = {"ruimte", "grens"}
VERIFICATIONS = {"geverifieerd", "gedeeltelijk", "niet geverifieerd"}

# The robust deep link of wetten.overheid.nl (JCI 1.3): the law's BWB id, article, lid.
URL = re.compile(
    r"^https://wetten\.overheid\.nl/jci1\.3:c:(?P<bwb>BWBR\d{7})"
    r"&artikel=(?P<article>[0-9A-Za-z.:]+)(?:&lid=(?P<lid>\d+))?$"
)
_CODE = re.compile(r"^[a-z0-9-]+$")


class ProvisionCatalogueError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def provision_files() -> list[Path]:
    return sorted(DATA.glob("bepalingen-*.json"))


def jci_url(bwb_id: str, article: str, paragraph: str = "") -> str:
    url = f"https://wetten.overheid.nl/jci1.3:c:{bwb_id}&artikel={article}"
    return f"{url}&lid={paragraph}" if paragraph else url


def check_provisions(raw: dict) -> list[str]:
    problems = []
    for key in ("version", "title", "checked_on", "provisions"):
        if key not in raw:
            problems.append(_("The catalogue lacks the field “%(field)s”.") % {"field": key})
    if problems:
        return problems
    seen = set()
    for n, row in enumerate(raw["provisions"], start=1):
        where = _("provision %(n)s (%(code)s)") % {"n": n, "code": row.get("code", "?")}

        def problem(field, message, where=where):
            problems.append(f"{where}, {field}: {message}")

        code = row.get("code", "")
        if not _CODE.match(code):
            problem("code", _("use lower-case letters, digits and hyphens only"))
        if code in seen:
            problem("code", _("this code occurs twice"))
        seen.add(code)
        for field in ("law", "article", "citation", "title", "summary", "who_applies"):
            if not str(row.get(field, "")).strip():
                problem(field, _("is empty"))
        if row.get("applier") not in APPLIERS:
            problem("applier", _("unknown applier “%(value)s”") % {"value": row.get("applier")})
        if row.get("kind") not in KINDS:
            problem("kind", _("must be “ruimte” or “grens”"))
        if row.get("verification") not in VERIFICATIONS:
            problem("verification", _("unknown value"))
        unknown = set(row.get("domains", [])) - DOMAINS
        if unknown:
            problem("domains", _("unknown life domains: %(d)s") % {"d": ", ".join(sorted(unknown))})
        match = URL.match(row.get("url", ""))
        if not match:
            problem("url", _("not a wetten.overheid.nl JCI link"))
        elif (match["bwb"], match["article"], match["lid"] or "") != (
            row.get("bwb_id"),
            row.get("article"),
            row.get("paragraph", ""),
        ):
            problem("url", _("the link does not point at this law, article and lid"))
    return problems


@transaction.atomic
def load_provisions(path: Path, *, models=None, make_current: bool = True):
    Catalogue, Provision = models or _models()
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = check_provisions(raw)
    if problems:
        raise ProvisionCatalogueError(problems)

    def fill(catalogue):
        Provision.objects.bulk_create(
            [
                Provision(
                    catalogue=catalogue,
                    **{
                        field: row.get(field, "")
                        for field in (
                            "code",
                            "law",
                            "law_short",
                            "bwb_id",
                            "article",
                            "paragraph",
                            "citation",
                            "title",
                            "summary",
                            "who_applies",
                            "applier",
                            "typical_use",
                            "kind",
                            "verification",
                            "verification_note",
                            "url",
                        )
                    },
                    domains=row.get("domains", []),
                )
                for row in raw["provisions"]
            ]
        )

    return load_version(
        Catalogue,
        raw["version"],
        fields={
            "title": raw["title"],
            "checked_on": raw["checked_on"],
            "notes": raw.get("notes", ""),
        },
        fill=fill,
        make_current=make_current,
    )


def load_all(*, apps=None) -> None:
    models = None
    if apps is not None:
        models = (
            apps.get_model("legal", "ProvisionCatalogue"),
            apps.get_model("legal", "Provision"),
        )
    for path in provision_files():
        load_provisions(path, models=models)


def _models():
    from .models import Provision, ProvisionCatalogue

    return ProvisionCatalogue, Provision
