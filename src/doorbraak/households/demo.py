"""Demo households with maatwerkplannen for the 15 municipalities of the manifest.

Everything here is fictional: names are combined from a fixed list, house numbers are drawn,
BSNs are test numbers (999…, elfproef-valid) and the stories are typical cases, not real ones.
Every household is drawn from its own ``random.Random`` seeded with (seed, municipality, team,
number), so a run always makes the same households, and a second run only tops a team up to the
target (a household whose address already exists in the municipality is skipped).

No processing-log entries are written: seeding demo data is not processing of personal data by
a person acting in a role, and there is no actor to log. The models are therefore created
directly and not through the services (which log).
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from doorbraak.core import bsn as bsn_rules
from doorbraak.core.demo import MANIFEST_GEMEENTEN
from doorbraak.core.models import Organisation, OrganisationType, Team, User
from doorbraak.core.roles import Role
from doorbraak.plans import workflow
from doorbraak.plans.models import (
    Action,
    ActionStatus,
    Evaluation,
    Goal,
    Plan,
    Transition,
)

from . import zrm
from .models import (
    Assessment,
    AssessmentScore,
    GroundType,
    Household,
    HouseholdShare,
    HouseholdStatus,
    MemberRole,
    Person,
    ProcessingGround,
    Purpose,
)

HOUSEHOLDS_PER_TEAM = 10  # two teams per municipality: 20 per municipality, 300 in all

# Per municipality: the town, and (first postcode, last postcode, CBS 2024 wijk code) of the
# neighbourhoods the demo households live in. Postcode ranges are rough. Wijk codes are those of
# the stedelijke vernieuwingsgebieden where known (shared/data/areas, copied here; "published"
# for Rotterdam-Zuid, "inferred" elsewhere; Amsterdam's 2024 codes carry letters, WK0363FA).
AREAS: dict[str, tuple[str, list[tuple[int, int, str]]]] = {
    "GM0363": ("Amsterdam", [(1062, 1069, "WK0363FA"), (1102, 1108, "WK0363TA")]),  # NW, ZO
    "GM0202": ("Arnhem", [(6821, 6828, "")]),
    "GM0758": ("Breda", [(4811, 4816, "")]),
    "GM0518": (
        "Den Haag",
        [(2531, 2533, "WK051836"), (2541, 2543, "WK051834"), (2544, 2545, "WK051833")],
    ),
    "GM0772": (
        "Eindhoven",
        [(5612, 5613, "WK077261"), (5621, 5622, "WK077262"), (5623, 5623, "WK077263")],
    ),
    "GM0014": ("Groningen", [(9735, 9736, ""), (9741, 9742, ""), (9746, 9746, "")]),
    "GM0917": ("Heerlen", [(6411, 6413, "WK091720"), (6431, 6433, "WK091730")]),
    "GM0080": ("Leeuwarden", [(8921, 8925, "")]),
    "GM0995": ("Lelystad", [(8224, 8226, ""), (8231, 8233, "")]),
    "GM0356": ("Nieuwegein", [(3431, 3432, ""), (3437, 3437, "")]),
    "GM0599": (
        "Rotterdam",
        [(3071, 3076, "WK059910"), (3077, 3079, "WK059912"), (3081, 3086, "WK059915")],
    ),
    "GM0606": ("Schiedam", [(3112, 3114, ""), (3118, 3118, "")]),
    "GM0855": ("Tilburg", [(5043, 5049, "")]),
    "GM0344": ("Utrecht", [(3561, 3565, "WK034403")]),
    "GM0479": ("Zaandam", [(1502, 1507, "")]),
}

STREETS = [
    "Merelstraat",
    "Lijsterbesstraat",
    "Dahliastraat",
    "Kastanjelaan",
    "Populierenweg",
    "Vlierstraat",
    "Zonnebloemstraat",
    "Waterlelie",
    "Reigerstraat",
    "Esdoornplein",
    "Kievitstraat",
    "Meidoornlaan",
    "Schoolstraat",
    "Molenstraat",
    "Tulpstraat",
    "Beukenhof",
    "Sperwerlaan",
    "Lindeplein",
]

FIRST_NAMES_F = [
    "Fatima",
    "Sanne",
    "Anouk",
    "Ilse",
    "Noor",
    "Yasmina",
    "Esra",
    "Lotte",
    "Marieke",
    "Samira",
    "Priya",
    "Agnieszka",
    "Shirley",
    "Naima",
    "Kim",
    "Joyce",
    "Hatice",
    "Fleur",
    "Angela",
    "Ayaan",
]
FIRST_NAMES_M = [
    "Jeroen",
    "Mohamed",
    "Kees",
    "Ricardo",
    "Bram",
    "Pieter",
    "Daan",
    "Hamza",
    "Tim",
    "Mehmet",
    "Rachid",
    "Dennis",
    "Marek",
    "Romano",
    "Sander",
    "Youssef",
    "Kevin",
    "Abdi",
    "Erik",
    "Giovanni",
]
# (tussenvoegsel, achternaam)
SURNAMES = [
    ("", "Bakker"),
    ("de", "Vries"),
    ("van", "Dijk"),
    ("", "Jansen"),
    ("", "El Amrani"),
    ("", "Yilmaz"),
    ("van der", "Berg"),
    ("", "Visser"),
    ("", "Kaya"),
    ("de", "Jong"),
    ("", "Hendriks"),
    ("", "Mulder"),
    ("", "Pinas"),
    ("", "Nowak"),
    ("", "Ouali"),
    ("van den", "Broek"),
    ("", "Doğan"),
    ("", "Smit"),
    ("de", "Graaf"),
    ("", "Warsame"),
    ("", "Kromodimedjo"),
    ("", "Martina"),
    ("", "Bouzian"),
    ("van", "Leeuwen"),
]

# Who owns an action: "team" (the case manager), "teamleider", an agency by short name
# ("org:CAK"), a creditor by its demo name ("creditor:…"), or free text ("text:…").
WOONBRUG = "creditor:Woonstichting De Brug (demo)"
ENERGIE = "creditor:Stroom en Gas Nederland (demo)"
ZORGVERZEKERAAR = "creditor:Zorgverzekeraar Samen (demo)"


@dataclass(frozen=True)
class Scenario:
    key: str
    blocking_domains: list
    blocking_problem: str
    blocking_party: str
    breakthrough: str
    why_it_unlocks: str
    goals: list  # (domain, description)
    actions: list  # (what, owner, days after the plan was started)


SCENARIOS = [
    Scenario(
        "huurachterstand",
        ["huisvesting", "financien"],
        "Huurachterstand van vijf maanden (€ 3.950). De corporatie heeft een vonnis tot "
        "ontruiming en plant de ontruiming over zes weken. Zolang het gezin uit huis dreigt te "
        "worden gezet, kan schuldhulp niet starten en blijven de kinderen thuis van school.",
        "Woningcorporatie (ontruimingsvonnis)",
        "De corporatie schort de ontruiming zes maanden op; de gemeente lost de achterstand in "
        "één keer af uit bijzondere bijstand en de huur wordt voortaan rechtstreeks ingehouden "
        "op de uitkering.",
        "Met een zeker dak boven het hoofd kan het minnelijk traject starten en komt er rust "
        "om de andere schulden te ordenen.",
        [
            ("huisvesting", "Het gezin blijft in de woning en betaalt de huur elke maand."),
            ("financien", "Binnen drie maanden is een minnelijk schuldhulptraject gestart."),
        ],
        [
            ("Ontruiming opschorten en schriftelijk bevestigen", WOONBRUG, 7),
            ("Bijzondere bijstand voor de huurachterstand toekennen", "team", 14),
            ("Huur rechtstreeks inhouden op de uitkering", "team", 30),
            ("Overzicht van alle schuldeisers aanleveren", "text:bewoner", 21),
            ("Aanmelden bij de schuldhulpverlening", "team", 45),
        ],
    ),
    Scenario(
        "energieschuld",
        ["financien", "huisvesting"],
        "Energieschuld van € 2.300 na de prijsstijging; de leverancier heeft afsluiting "
        "aangekondigd. Het voorschot is te laag en de woning is slecht geïsoleerd.",
        "Energieleverancier",
        "De leverancier stelt afsluiting uit en treft een betalingsregeling; de gemeente "
        "vraagt het Tijdelijk Noodfonds Energie aan en regelt een energiecoach.",
        "Zonder dreigende afsluiting kan het gezin de vaste lasten weer overzien en blijft er "
        "ruimte voor de aflossing van de andere schulden.",
        [
            ("financien", "Het energievoorschot past bij het verbruik en wordt betaald."),
            ("huisvesting", "De woning blijft aangesloten op gas en stroom."),
        ],
        [
            ("Afsluiting uitstellen en betalingsregeling voorstellen", ENERGIE, 5),
            ("Aanvraag Tijdelijk Noodfonds Energie indienen", "team", 10),
            ("Huisbezoek energiecoach plannen", "text:Energiecoach (vrijwilliger)", 20),
            ("Meterstanden elke maand doorgeven", "text:bewoner", 60),
        ],
    ),
    Scenario(
        "cak-boete",
        ["financien", "lichamelijke_gezondheid"],
        "Wanbetalersregeling zorgverzekering: het CAK houdt de bestuursrechtelijke premie "
        "(130%) in via broninhouding op de uitkering. Daardoor blijft er te weinig over voor "
        "huur en boodschappen en loopt de achterstand bij andere schuldeisers op.",
        "CAK (bestuursrechtelijke premie zorgverzekering)",
        "Het CAK meldt de aanvrager af uit de wanbetalersregeling nu er een schuldregeling is "
        "en stopt de broninhouding; de zorgverzekeraar gaat weer de gewone premie innen.",
        "De inhouding van ruim € 190 per maand vervalt; met dat geld sluit de begroting weer.",
        [
            ("financien", "De maandelijkse begroting sluit zonder tekort."),
            ("lichamelijke_gezondheid", "De zorgverzekering loopt gewoon door."),
        ],
        [
            ("Verzoek afmelding wanbetalersregeling beoordelen", "org:CAK", 10),
            ("Schuldregeling aan het CAK bevestigen", "team", 5),
            ("Gewone premie-inning hervatten", ZORGVERZEKERAAR, 30),
            ("Begroting bijstellen na stoppen broninhouding", "team", 40),
        ],
    ),
    Scenario(
        "toeslagenaffaire",
        ["financien", "geestelijke_gezondheid"],
        "Gedupeerde ouder van de toeslagenaffaire: de integrale beoordeling laat al twee jaar "
        "op zich wachten. Oude schulden zijn kwijtgescholden, maar er zijn nieuwe ontstaan en "
        "het vertrouwen in de overheid is weg.",
        "Belastingdienst/Toeslagen (Uitvoeringsorganisatie Herstel Toeslagen)",
        "Toeslagen behandelt de integrale beoordeling met voorrang; de gemeente biedt brede "
        "ondersteuning met één vaste contactpersoon en betaalt de nieuwe achterstanden voor.",
        "Als de beoordeling rond is, komt er duidelijkheid over geld en kan de ouder weer "
        "plannen maken voor werk en gezin.",
        [
            ("financien", "De integrale beoordeling is afgerond en uitbetaald."),
            ("geestelijke_gezondheid", "De ouder heeft ondersteuning bij de verwerking."),
        ],
        [
            ("Integrale beoordeling met voorrang inplannen", "org:Toeslagen", 14),
            ("Nieuwe achterstanden voorschieten (brede ondersteuning)", "team", 21),
            ("Lotgenotengroep of hulp bij verwerking zoeken", "text:bewoner", 45),
        ],
    ),
    Scenario(
        "terugvordering-toeslag",
        ["financien"],
        "Terugvordering huur- en zorgtoeslag van € 4.800 na een inkomenswijziging die te "
        "laat is doorgegeven. Toeslagen verrekent met de lopende toeslagen, waardoor de huur "
        "niet meer betaald kan worden.",
        "Belastingdienst/Toeslagen",
        "Toeslagen stopt de verrekening en treft een persoonlijke betalingsregeling op basis "
        "van de werkelijke draagkracht.",
        "De lopende toeslagen komen weer binnen, zodat de vaste lasten betaald worden.",
        [("financien", "De toeslagen worden weer volledig uitbetaald.")],
        [
            ("Verrekening stoppen en persoonlijke betalingsregeling treffen", "org:Toeslagen", 14),
            ("Inkomen 2025 correct doorgeven", "text:bewoner", 7),
            ("Draagkrachtberekening opstellen", "team", 10),
        ],
    ),
    Scenario(
        "wachtlijst-ggz",
        ["geestelijke_gezondheid", "financien"],
        "De aanvrager heeft een ernstige depressie en staat negen maanden op de wachtlijst "
        "voor de GGZ. Zonder behandeling lukt het niet om post te openen of afspraken na te "
        "komen, en de schuldhulp dreigt te stoppen.",
        "Zorgverzekeraar (wachtlijstbemiddeling)",
        "De zorgverzekeraar bemiddelt naar een aanbieder met een kortere wachttijd; tot dan "
        "begeleidt de POH-GGZ en neemt beschermingsbewind de administratie over.",
        "Met behandeling en bewind komt er rust; de schuldhulp kan doorlopen in plaats van te "
        "stoppen wegens 'onvoldoende medewerking'.",
        [
            ("geestelijke_gezondheid", "Behandeling gestart binnen acht weken."),
            ("financien", "De administratie is op orde via beschermingsbewind."),
        ],
        [
            ("Wachtlijstbemiddeling aanvragen", ZORGVERZEKERAAR, 7),
            ("Verzoek beschermingsbewind bij de kantonrechter", "team", 21),
            ("Afspraken POH-GGZ nakomen", "text:bewoner", 30),
            ("Schuldhulp informeren over het plan", "team", 10),
        ],
    ),
    Scenario(
        "uwv-beslag",
        ["financien", "werk_opleiding"],
        "UWV verrekent een terugvordering WW met de lopende uitkering en houdt daarbij geen "
        "rekening met de beslagvrije voet. Er blijft minder dan bijstandsniveau over.",
        "UWV",
        "UWV herberekent de beslagvrije voet, betaalt het te veel ingehouden bedrag terug en "
        "legt de terugvordering stil tot de schuldregeling rond is.",
        "Met een inkomen op bijstandsniveau kan de aanvrager zich richten op werk.",
        [
            ("financien", "Er blijft elke maand minstens de beslagvrije voet over."),
            ("werk_opleiding", "De aanvrager volgt een traject naar werk."),
        ],
        [
            ("Beslagvrije voet herberekenen en te veel ingehouden terugbetalen", "org:UWV", 14),
            ("Terugvordering stilleggen tijdens de schuldregeling", "org:UWV", 21),
            ("Aanmelden bij werkgeversservicepunt", "team", 45),
        ],
    ),
    Scenario(
        "duo-studieschuld",
        ["financien", "werk_opleiding"],
        "Studieschuld bij DUO van € 18.000; de aflossing is te hoog vastgesteld op basis van "
        "een oud inkomen en de achterstand loopt op. De jongere stopt met de opleiding.",
        "DUO",
        "DUO voert een draagkrachtmeting uit op het huidige inkomen, waardoor de maandtermijn "
        "op nul komt; de achterstand wordt niet ingevorderd.",
        "Zonder maandelijkse aflossing kan de jongere de opleiding afmaken.",
        [
            ("financien", "De maandtermijn past bij het inkomen."),
            ("werk_opleiding", "De opleiding wordt afgerond."),
        ],
        [
            ("Draagkrachtmeting uitvoeren", "org:DUO", 21),
            ("Inkomensgegevens aanleveren", "text:bewoner", 7),
            ("Gesprek met studieloopbaanbegeleider", "team", 30),
        ],
    ),
    Scenario(
        "cjib-boetes",
        ["financien", "justitie"],
        "Vier verkeersboetes zijn door verhogingen opgelopen tot € 1.650; het CJIB dreigt "
        "met gijzeling. De aanvrager heeft de auto nodig voor nachtwerk.",
        "CJIB",
        "Het CJIB zet de inning stil (noodstop) en biedt een betalingsregeling zonder verdere "
        "verhogingen aan.",
        "Zonder gijzeling blijft de baan behouden en daarmee het inkomen voor de aflossing.",
        [
            ("financien", "De boetes worden in termijnen betaald."),
            ("justitie", "Er volgt geen gijzeling."),
        ],
        [
            ("Noodstop en betalingsregeling zonder verhogingen", "org:CJIB", 7),
            ("Termijnen automatisch laten afschrijven", "text:bewoner", 14),
            ("Controleren of alle boetes in de regeling zitten", "team", 21),
        ],
    ),
    Scenario(
        "svb-kinderbijslag",
        ["financien", "huiselijke_relaties"],
        "De SVB heeft de kinderbijslag stopgezet omdat niet vaststond waar het kind woont na "
        "de scheiding. De ouder bij wie het kind woont, heeft zo € 300 per kwartaal minder.",
        "SVB",
        "De SVB stelt met de verklaring van de gemeente vast waar het kind woont en hervat de "
        "kinderbijslag met terugwerkende kracht.",
        "Met de kinderbijslag en het kindgebonden budget komt de begroting sluitend.",
        [("financien", "Kinderbijslag en kindgebonden budget worden weer uitbetaald.")],
        [
            ("Woonsituatie van het kind vaststellen", "org:SVB", 14),
            ("Verklaring over de woonsituatie opstellen", "team", 5),
            ("Kindgebonden budget opnieuw aanvragen", "text:bewoner", 30),
        ],
    ),
    Scenario(
        "big5-jongere",
        ["huisvesting", "financien", "werk_opleiding"],
        "Een jongere van 17 in jeugdhulp wordt over een paar maanden 18. Dan stopt de "
        "jeugdhulp, maar er is nog geen woonplek, geen inkomen en geen zorgverzekering.",
        "Wachtlijst jongerenhuisvesting en overgang Jeugdwet naar Wmo",
        "De gemeente regelt de Big 5 vóór de 18e verjaardag: onderdak, inkomen, "
        "zorgverzekering, opleiding en een vast steunfiguur.",
        "Zonder gat op de 18e verjaardag valt de jongere niet tussen wal en schip.",
        [
            ("huisvesting", "Op de 18e verjaardag is er een woonplek."),
            ("financien", "Inkomen en zorgverzekering lopen vanaf de 18e verjaardag."),
        ],
        [
            ("Urgentie jongerenhuisvesting aanvragen", "team", 14),
            ("Zorgverzekering afsluiten per 18e verjaardag", "text:bewoner", 60),
            ("Aanvraag levensonderhoud (bijstand) voorbereiden", "team", 45),
            ("Overdracht jeugdhulp naar Wmo-begeleiding", "teamleider", 50),
        ],
    ),
    Scenario(
        "briefadres",
        ["huisvesting", "financien", "maatschappelijke_participatie"],
        "Na een scheiding slaapt de aanvrager bij vrienden en staat nergens ingeschreven. "
        "Zonder adres in de BRP stopt de uitkering en komt de post van schuldeisers nergens aan.",
        "Basisregistratie Personen (geen woonadres)",
        "De gemeente schrijft de aanvrager in op een briefadres; de uitkering wordt hervat en "
        "de schuldeisers krijgen het nieuwe adres.",
        "Met een briefadres kan alles wat aan een adres hangt weer op gang komen.",
        [
            ("huisvesting", "De aanvrager staat ingeschreven op een briefadres."),
            ("financien", "De uitkering wordt weer betaald."),
        ],
        [
            ("Briefadres registreren", "team", 3),
            ("Uitkering hervatten", "team", 14),
            ("Schuldeisers het briefadres doorgeven", "text:bewoner", 21),
            ("Inschrijven als woningzoekende", "text:bewoner", 30),
        ],
    ),
]
SCENARIO_BY_KEY = {s.key: s for s in SCENARIOS}

# Plans of the households in a team, numbered 0..9: every status occurs in every team, and
# households 6 and 9 have no plan yet (a fresh intake).
STATUS_BY_NUMBER = [
    workflow.IN_UITVOERING,
    workflow.CONCEPT,
    workflow.TER_VASTSTELLING,
    workflow.VASTGESTELD,
    workflow.GEEVALUEERD,
    workflow.AFGESLOTEN,
    None,
    workflow.IN_UITVOERING,
    workflow.CONCEPT,
    None,
]
# How many days ago the plan was started, per status.
PLAN_AGE = {
    workflow.CONCEPT: (3, 25),
    workflow.TER_VASTSTELLING: (20, 40),
    workflow.VASTGESTELD: (30, 55),
    workflow.IN_UITVOERING: (60, 200),
    workflow.GEEVALUEERD: (150, 260),
    workflow.AFGESLOTEN: (260, 340),
}
PATH = workflow.ORDER  # concept → … → afgesloten, the order a plan goes through
MANDATE_STEPS = {workflow.VASTGESTELD, workflow.AFGESLOTEN}


@dataclass
class DemoHouseholdsResult:
    created: int
    households: int
    plans: int


def demo_bsn(key: int) -> str:
    """A test BSN 999xxxxxx that passes the elfproef; distinct for distinct keys < 20,000."""
    for candidate in range(key * 5, key * 5 + 5):
        stem = f"999{candidate:05d}"
        total = sum(w * int(d) for w, d in zip(bsn_rules.WEIGHTS[:8], stem, strict=True))
        check = total % 11
        if check < 10:
            value = f"{stem}{check}"
            assert bsn_rules.is_valid(value)
            return value
    raise ValueError(f"no valid test BSN for key {key}")  # pragma: no cover


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.randint(0, 59)))
    )


class _Loader:
    def __init__(self, seed: int):
        self.seed = seed
        self.today = timezone.localdate()
        self.agencies = {
            o.short_name: o
            for o in Organisation.objects.filter(type=OrganisationType.UITVOERINGSORGANISATIE)
        }
        self.creditors = {
            o.name: o for o in Organisation.objects.filter(type=OrganisationType.CREDITEUR)
        }
        self.created = 0

    # --- people ----------------------------------------------------------------------------

    def _birthdate(self, rng: random.Random, years_min: int, years_max: int) -> datetime.date:
        return self.today - datetime.timedelta(days=rng.randint(years_min * 365, years_max * 365))

    def _person(self, rng, household, role, surname, first_names, born, bsn_key, **extra):
        tussenvoegsel, achternaam = surname
        person = Person(
            household=household,
            role=role,
            voornamen=rng.choice(first_names),
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            geboortedatum=born,
            **extra,
        )
        person.set_bsn(demo_bsn(bsn_key))
        person.save()
        return person

    # --- one household ---------------------------------------------------------------------

    def household(self, ctx: dict, number: int, global_number: int) -> Household | None:
        rng = random.Random(f"{self.seed}:{ctx['code']}:{ctx['team_index']}:{number}")
        town, ranges = AREAS[ctx["code"]]
        low, high, wijk = rng.choice(ranges)
        letters = rng.choice("ABCDEGHJKLMNPRST") + rng.choice("ABEGHKLNPRSTVWXZ")
        postcode = f"{rng.randint(low, high)} {letters}"
        huisnummer = rng.randint(1, 240)
        toevoeging = rng.choice(["", "", "", "A", "B", "bis", "2"])
        if (postcode, huisnummer, toevoeging) in ctx["existing"]:
            return None  # made by an earlier run

        status = STATUS_BY_NUMBER[number % len(STATUS_BY_NUMBER)]
        scenario = SCENARIOS[(global_number * 7 + number) % len(SCENARIOS)]
        youth = number % 5 == 1  # a child of 17 in youth care (numbers 1 and 6): the Big 5 list
        if youth and status is not None:
            scenario = SCENARIO_BY_KEY["big5-jongere"]
        if ctx["code"] == "GM0599" and ctx["team_index"] == 0 and number == 0:
            scenario = SCENARIO_BY_KEY["cak-boete"]  # shared with the CAK (cak.maatwerk)

        started_days = rng.randint(*PLAN_AGE[status]) if status else rng.randint(2, 20)
        intake_day = self.today - datetime.timedelta(days=started_days + rng.randint(10, 40))
        professional = ctx["professional"]
        household = Household.objects.create(
            organisation=ctx["organisation"],
            team=ctx["team"],
            assigned_to=professional,
            created_by=professional,
            straat=rng.choice(STREETS),
            huisnummer=huisnummer,
            toevoeging=toevoeging,
            postcode=postcode,
            plaats=town,
            wijk_code=wijk,
            status=HouseholdStatus.CLOSED
            if status == workflow.AFGESLOTEN and global_number % 2
            else HouseholdStatus.OPEN,
            created_at=_moment(intake_day, rng),
        )
        ctx["existing"].add((postcode, huisnummer, toevoeging))

        # Members: applicant, perhaps a partner, children.
        surname = rng.choice(SURNAMES)
        female = rng.random() < 0.6
        applicant_age = (24, 58) if not youth else (35, 55)
        applicant = self._person(
            rng,
            household,
            MemberRole.AANVRAGER,
            surname,
            FIRST_NAMES_F if female else FIRST_NAMES_M,
            self._birthdate(rng, *applicant_age),
            global_number * 8,
            email=f"bewoner{global_number}@example.nl",
        )
        if rng.random() < 0.45:
            self._person(
                rng,
                household,
                MemberRole.PARTNER,
                rng.choice(SURNAMES),
                FIRST_NAMES_M if female else FIRST_NAMES_F,
                self._birthdate(rng, *applicant_age),
                global_number * 8 + 1,
            )
        children = rng.choice([0, 1, 1, 2, 2, 3])
        for index in range(children):
            self._person(
                rng,
                household,
                MemberRole.KIND,
                surname,
                rng.choice([FIRST_NAMES_F, FIRST_NAMES_M]),
                self._birthdate(rng, 1, 15),
                global_number * 8 + 2 + index,
            )
        if youth:
            # 17 years and one to eleven months: turns 18 within the year.
            born = self.today - datetime.timedelta(days=17 * 365 + 4 + rng.randint(30, 330))
            self._person(
                rng,
                household,
                MemberRole.KIND,
                surname,
                rng.choice([FIRST_NAMES_F, FIRST_NAMES_M]),
                born,
                global_number * 8 + 6,
                in_jeugdhulp=True,
            )

        # Grounds: the public task for every household; consent for sharing once a plan is on.
        ProcessingGround.objects.create(
            household=household,
            purpose=Purpose.DOORBRAAKAANPAK,
            ground=GroundType.WETTELIJKE_TAAK,
            law="Wmo 2015 art. 2.3.2; Wgs art. 3",
            given_on=intake_day,
            recorded_by=professional,
        )
        if scenario.key in {"huurachterstand", "energieschuld"} or number % 4 == 0:
            ProcessingGround.objects.create(
                household=household,
                purpose=Purpose.SCHULDHULP,
                ground=GroundType.WETTELIJKE_TAAK,
                law="Wgs art. 3 lid 1 en art. 7a",
                given_on=intake_day,
                recorded_by=professional,
            )

        # ZRM: one to three assessments over the past year, slowly improving.
        last_contact = intake_day
        assessments = []
        count = rng.randint(1, 3)
        base = {
            code: (rng.randint(1, 2) if code in scenario.blocking_domains else rng.randint(2, 4))
            for code, _label in zrm.DOMAINS_2017
        }
        span = (self.today - intake_day).days
        for index in range(count):
            day = intake_day + datetime.timedelta(days=span * index // count)
            assessment = Assessment.objects.create(
                household=household,
                assessed_on=day,
                assessor=professional,
                note="Eerste gesprek (intake)." if index == 0 else "Voortgangsgesprek.",
            )
            AssessmentScore.objects.bulk_create(
                AssessmentScore(
                    assessment=assessment,
                    domain=code,
                    score=min(5, score + (index if rng.random() < 0.6 else 0)),
                )
                for code, score in base.items()
            )
            assessments.append(assessment)
            last_contact = max(last_contact, day)

        updated = _moment(last_contact, rng)
        if status is not None:
            started = self.today - datetime.timedelta(days=started_days)
            plan, moments = self.plan(ctx, household, applicant, scenario, status, started, rng)
            updated = max(updated, moments[-1])
            self.evaluations(plan, status, moments, assessments, rng)
        household.last_contact_on = min(self.today, timezone.localdate(updated))
        household.updated_at = updated
        household.save(update_fields=["last_contact_on", "updated_at"])
        self.created += 1
        return household

    # --- the plan ---------------------------------------------------------------------------

    def _owner(self, owner: str, ctx: dict) -> dict:
        if owner == "team":
            return {"owner_user": ctx["professional"]}
        if owner == "teamleider":
            return {"owner_user": ctx["teamleider"]}
        kind, _, name = owner.partition(":")
        if kind == "org" and name in self.agencies:
            return {"owner_organisation": self.agencies[name]}
        if kind == "creditor" and name in self.creditors:
            return {"owner_organisation": self.creditors[name]}
        return {"owner_text": name if kind == "text" else owner}

    def plan(self, ctx, household, applicant, scenario, status, started, rng):
        start_moment = _moment(started, rng)
        steps = PATH[: PATH.index(status) + 1]
        # One step every one to three weeks; the last step no later than today.
        moments = [start_moment]
        for _ in steps[1:]:
            moments.append(moments[-1] + datetime.timedelta(days=rng.randint(7, 21)))
        now = timezone.now()
        moments = [
            min(m, now - datetime.timedelta(hours=len(moments) - i)) for i, m in enumerate(moments)
        ]
        decided = status not in (workflow.CONCEPT, workflow.TER_VASTSTELLING)
        plan = Plan.objects.create(
            household=household,
            status=status,
            version=1,
            blocking_domains=scenario.blocking_domains,
            blocking_problem=scenario.blocking_problem,
            blocking_party=scenario.blocking_party,
            breakthrough=scenario.breakthrough,
            why_it_unlocks=scenario.why_it_unlocks,
            created_by=ctx["professional"],
            created_at=start_moment,
            updated_at=moments[-1],
            decided_by=ctx["teamleider"] if decided else None,
            decided_role=Role.TEAMLEIDER if decided else "",
            decided_at=moments[PATH.index(workflow.VASTGESTELD)] if decided else None,
        )
        goals = [
            Goal.objects.create(plan=plan, domain=domain, description=description)
            for domain, description in scenario.goals
        ]
        count = min(len(scenario.actions), rng.randint(2, 5))
        for index, (what, owner, offset) in enumerate(scenario.actions[:count]):
            due_on = started + datetime.timedelta(days=offset + rng.randint(0, 10))
            action_status = self._action_status(status, due_on, index, rng)
            Action.objects.create(
                plan=plan,
                goal=goals[min(index, len(goals) - 1)] if index % 2 == 0 else goals[0],
                what=what,
                due_on=due_on,
                status=action_status,
                completed_on=min(self.today, due_on)
                if action_status == ActionStatus.GEREED
                else None,
                **self._owner(owner, ctx),
            )
        for source, target, at in zip(steps, steps[1:], moments[1:], strict=False):
            mandate = target in MANDATE_STEPS
            Transition.objects.create(
                plan=plan,
                source=source,
                target=target,
                by=ctx["teamleider"] if mandate else ctx["professional"],
                role=Role.TEAMLEIDER if mandate else Role.PROFESSIONAL,
                organisation=ctx["organisation"],
                at=at,
                note="Besproken in het teamoverleg." if mandate else "",
            )
        plan.version = 1 + len(goals) + count + len(steps) - 1
        plan.save(update_fields=["version"])

        if decided:
            consent = ProcessingGround.objects.create(
                household=household,
                purpose=Purpose.GEGEVENSDELING,
                ground=GroundType.TOESTEMMING,
                given_by=applicant,
                given_on=started,
                recorded_by=ctx["professional"],
            )
            partners = [
                self._owner(owner, ctx).get("owner_organisation")
                for _what, owner, _offset in scenario.actions
            ]
            consent.share_with.set({p for p in partners if p is not None})
            if rng.random() < 0.1:
                consent.withdrawn_on = self.today - datetime.timedelta(days=rng.randint(1, 20))
                consent.withdrawn_by = ctx["professional"]
                consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
        return plan, moments

    def _action_status(self, status, due_on, index, rng) -> str:
        if status in (workflow.CONCEPT, workflow.TER_VASTSTELLING, workflow.VASTGESTELD):
            return ActionStatus.OPEN
        if status == workflow.AFGESLOTEN:
            return ActionStatus.VERVALLEN if index == 3 else ActionStatus.GEREED
        if due_on >= self.today:
            return rng.choice([ActionStatus.OPEN, ActionStatus.BEZIG])
        # Past its due date: mostly done, some overdue (still open or in progress).
        return rng.choice(
            [ActionStatus.GEREED, ActionStatus.GEREED, ActionStatus.OPEN, ActionStatus.BEZIG]
        )

    def evaluations(self, plan, status, moments, assessments, rng) -> None:
        if status == workflow.IN_UITVOERING:
            Evaluation.objects.create(
                plan=plan, planned_on=self.today + datetime.timedelta(days=rng.randint(10, 60))
            )
        elif status in (workflow.GEEVALUEERD, workflow.AFGESLOTEN):
            held = timezone.localdate(moments[PATH.index(workflow.GEEVALUEERD)])
            earlier = [a for a in assessments if a.assessed_on <= held]
            Evaluation.objects.create(
                plan=plan,
                planned_on=held,
                held_on=held,
                assessment=earlier[-1] if earlier else None,
                notes="De doorbraak is gerealiseerd; de meeste acties zijn afgerond."
                if status == workflow.AFGESLOTEN
                else "Voortgang besproken met de bewoner; twee acties lopen nog.",
            )

    # --- the share with the CAK ---------------------------------------------------------------

    def share_with_cak(self) -> None:
        """One household of Rotterdam (Wijkteam Feijenoord) shared with the CAK's
        maatwerkfunctionaris, so that their "shared with me" list has an entry."""
        cak = self.agencies.get("CAK")
        user = User.objects.filter(username="cak.maatwerk").first()
        household = (
            Household.objects.filter(
                organisation__cbs_code="GM0599",
                team__name="Wijkteam Feijenoord",
                plans__blocking_party__startswith="CAK",
            )
            .order_by("created_at", "id")
            .first()
        )
        if cak is None or user is None or household is None:
            return
        if HouseholdShare.objects.filter(
            household=household,
            user=user,
            revoked_at__isnull=True,
            ends_on__gte=self.today,
            ground__withdrawn_on__isnull=True,
        ).exists():
            return
        applicant = household.members.filter(role=MemberRole.AANVRAGER).first()
        ground = ProcessingGround.objects.create(
            household=household,
            purpose=Purpose.GEGEVENSDELING,
            ground=GroundType.TOESTEMMING,
            given_by=applicant,
            given_on=self.today - datetime.timedelta(days=14),
            recorded_by=household.assigned_to,
        )
        ground.share_with.add(cak)
        HouseholdShare.objects.create(
            household=household,
            user=user,
            organisation=cak,
            ground=ground,
            purpose="Afmelding wanbetalersregeling en stoppen broninhouding (maatwerk CAK)",
            starts_on=self.today - datetime.timedelta(days=14),
            ends_on=self.today + datetime.timedelta(days=90),
            include_special_categories=False,
            created_by=household.assigned_to,
        )


def _users(slug: str) -> dict[str, User | None]:
    names = [f"{slug}.professional", f"{slug}.professional2", f"{slug}.teamleider"]
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    return {name.split(".", 1)[1]: found.get(name) for name in names}


@transaction.atomic
def load_demo_households(
    rng_seed: int = 2026, per_team: int = HOUSEHOLDS_PER_TEAM
) -> DemoHouseholdsResult:
    """Create (or top up) the demo households of the manifest municipalities' teams.

    Needs the demo world of ``DemoLoader().load()`` (municipalities, teams, users)."""
    loader = _Loader(rng_seed)
    for gemeente_index, (code, slug, _colour, team_names) in enumerate(MANIFEST_GEMEENTEN):
        organisation = Organisation.objects.filter(cbs_code=code).first()
        if organisation is None:
            continue
        users = _users(slug)
        existing = set(
            Household.objects.filter(organisation=organisation).values_list(
                "postcode", "huisnummer", "toevoeging"
            )
        )
        for team_index, team_name in enumerate(team_names):
            team = Team.objects.filter(organisation=organisation, name=team_name).first()
            professional = users["professional" if team_index == 0 else "professional2"]
            if team is None or professional is None or users["teamleider"] is None:
                continue
            ctx = {
                "code": code,
                "organisation": organisation,
                "team": team,
                "team_index": team_index,
                "professional": professional,
                "teamleider": users["teamleider"],
                "existing": existing,
            }
            for number in range(per_team):
                global_number = (gemeente_index * 2 + team_index) * per_team + number
                loader.household(ctx, number, global_number)
    loader.share_with_cak()
    codes = [code for code, *_rest in MANIFEST_GEMEENTEN]
    return DemoHouseholdsResult(
        created=loader.created,
        households=Household.objects.filter(organisation__cbs_code__in=codes).count(),
        plans=Plan.objects.filter(household__organisation__cbs_code__in=codes).count(),
    )
