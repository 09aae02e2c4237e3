"""The regelingen and problem signals of the stapeling, in the five groups CBS uses.

CBS's stapeling dashboards count per person or household the use of regelingen and
voorzieningen in five groups: arbeidsparticipatie, inkomensondersteuning, welzijn en zorg,
onderwijs and jeugd (domain.md §8). A person "has" a group when any flag of that group is set;
stapeling is having two or more groups.

The codes are the column names of the person-level data (Parquet or a DuckDB relation). The
labels are Dutch display text; the Django layer may wrap them for translation, this module
imports nothing from Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    code: str
    label: str
    group: str
    description: str


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    flags: tuple[str, ...]


ARBEIDSPARTICIPATIE = "arbeidsparticipatie"
INKOMENSONDERSTEUNING = "inkomensondersteuning"
WELZIJN_EN_ZORG = "welzijn_en_zorg"
ONDERWIJS = "onderwijs"
JEUGD = "jeugd"

GROUP_LABELS = {
    ARBEIDSPARTICIPATIE: "Arbeidsparticipatie",
    INKOMENSONDERSTEUNING: "Inkomensondersteuning",
    WELZIJN_EN_ZORG: "Welzijn en zorg",
    ONDERWIJS: "Onderwijs",
    JEUGD: "Jeugd",
}

FLAGS: tuple[Flag, ...] = (
    Flag(
        "werkloos_ww",
        "Werkloos of WW-uitkering",
        ARBEIDSPARTICIPATIE,
        "Geregistreerd werkloos of een uitkering op grond van de Werkloosheidswet.",
    ),
    Flag(
        "bijstand",
        "Bijstandsuitkering",
        ARBEIDSPARTICIPATIE,
        "Een uitkering op grond van de Participatiewet (algemene bijstand).",
    ),
    Flag(
        "toeslagen",
        "Toeslagen",
        INKOMENSONDERSTEUNING,
        "Huurtoeslag, zorgtoeslag of kindgebonden budget.",
    ),
    Flag(
        "schuldhulp",
        "Schulden (schuldhulpverlening)",
        INKOMENSONDERSTEUNING,
        "In een traject van gemeentelijke schuldhulpverlening of de Wsnp.",
    ),
    Flag(
        "laag_inkomen",
        "Laag inkomen",
        INKOMENSONDERSTEUNING,
        "Huishoudensinkomen onder de lage-inkomensgrens van CBS.",
    ),
    Flag(
        "wmo",
        "Wmo-voorziening",
        WELZIJN_EN_ZORG,
        "Een maatwerkvoorziening op grond van de Wet maatschappelijke ondersteuning.",
    ),
    Flag(
        "ggz",
        "Geestelijke gezondheidszorg (ggz)",
        WELZIJN_EN_ZORG,
        "Gebruik van specialistische of basis-ggz.",
    ),
    Flag(
        "zvw_wanbetaler",
        "Wanbetaler zorgverzekering",
        WELZIJN_EN_ZORG,
        "Geregistreerd als wanbetaler van de zorgverzekeringspremie (bestuursrechtelijke premie).",
    ),
    Flag(
        "voortijdig_schoolverlater",
        "Voortijdig schoolverlater",
        ONDERWIJS,
        "Jongere van 12 tot 23 jaar die het onderwijs verliet zonder startkwalificatie.",
    ),
    Flag(
        "geen_startkwalificatie",
        "Geen startkwalificatie",
        ONDERWIJS,
        "Jongere zonder havo-, vwo- of mbo-2-diploma die geen onderwijs meer volgt.",
    ),
    Flag(
        "jeugdhulp",
        "Jeugdhulp",
        JEUGD,
        "Jeugdhulp op grond van de Jeugdwet (met of zonder verblijf).",
    ),
    Flag(
        "jeugdbescherming",
        "Jeugdbescherming",
        JEUGD,
        "Een ondertoezichtstelling of voogdijmaatregel.",
    ),
)

FLAG_CODES: tuple[str, ...] = tuple(flag.code for flag in FLAGS)
FLAGS_BY_CODE = {flag.code: flag for flag in FLAGS}

GROUPS: tuple[Group, ...] = tuple(
    Group(code, label, tuple(flag.code for flag in FLAGS if flag.group == code))
    for code, label in GROUP_LABELS.items()
)
GROUP_CODES: tuple[str, ...] = tuple(group.code for group in GROUPS)

# Persons and households are counted by number of groups: 0, 1, 2 and 3 or more.
BUCKETS: tuple[str, ...] = ("0", "1", "2", "3+")
