"""Zelfredzaamheid-Matrix (ZRM, GGD Amsterdam): domain names and scale labels only.

Version 2017 has 13 domains; the older 2013 version (11 domains) is still in use, so every
assessment stores its version. The criteria texts are GGD Amsterdam's and are not reproduced.
Health domains are special-category data (AVG art. 9), Justitie is criminal-offence data (art. 10).
"""

from django.utils.translation import gettext_lazy as _

VERSION_2017 = "2017"

DOMAINS_2017 = [
    ("financien", _("Finances")),
    ("werk_opleiding", _("Work & education")),
    ("tijdsbesteding", _("Use of time")),
    ("huisvesting", _("Housing")),
    ("huiselijke_relaties", _("Domestic relations")),
    ("geestelijke_gezondheid", _("Mental health")),
    ("lichamelijke_gezondheid", _("Physical health")),
    ("middelengebruik", _("Substance use")),
    ("basale_adl", _("Basic ADL")),
    ("instrumentele_adl", _("Instrumental ADL")),
    ("sociaal_netwerk", _("Social network")),
    ("maatschappelijke_participatie", _("Participation in society")),
    ("justitie", _("Justice")),
]

# The 2013 version lacks Tijdsbesteding and Basale/Instrumentele ADL are one domain (ADL).
DOMAINS_2013 = [
    d for d in DOMAINS_2017 if d[0] not in {"tijdsbesteding", "basale_adl", "instrumentele_adl"}
] + [("adl", _("ADL"))]

VERSIONS = {VERSION_2017: DOMAINS_2017, "2013": DOMAINS_2013}

SPECIAL_CATEGORY_DOMAINS = {
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "justitie",
}

SCALE = [
    (1, _("1 Acute problems")),
    (2, _("2 Not self-reliant")),
    (3, _("3 Limited self-reliance")),
    (4, _("4 Sufficiently self-reliant")),
    (5, _("5 Fully self-reliant")),
]

ALL_DOMAINS = dict(DOMAINS_2017 + [("adl", _("ADL"))])


def domain_label(code: str) -> str:
    return str(ALL_DOMAINS.get(code, code))
