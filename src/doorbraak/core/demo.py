"""The demo world: the 15 municipalities of the manifest, the national agencies, the loket,
creditors and a knowledge institution, with users for every role. Idempotent."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import ApiClient, CreditorKind, Membership, Organisation, OrganisationType, Team, User
from .roles import Role

DEMO_PASSWORD = "Doorbraak-demo-2026"  # noqa: S105 (printed for the demo; demo only)

# The 15 municipalities of the manifest (domain.md §7), with a header colour each (all ≥ 4.5:1).
MANIFEST_GEMEENTEN = [
    ("GM0363", "amsterdam", "#a00000", ["Wijkteam Nieuw-West", "Wijkteam Zuidoost"]),
    ("GM0202", "arnhem", "#1f5c2e", ["Wijkteam Oost", "Schuldhulp Arnhem"]),
    ("GM0758", "breda", "#7a2531", ["Wijkteam Noord", "Schuldhulp Breda"]),
    ("GM0518", "denhaag", "#1e5a3c", ["Wijkteam Zuidwest", "Schuldhulp Den Haag"]),
    ("GM0772", "eindhoven", "#8a1538", ["Wijkteam Woensel-Zuid", "Schuldhulp Eindhoven"]),
    ("GM0014", "groningen", "#174a7c", ["Wijkteam Noord", "Schuldhulp Groningen"]),
    ("GM0917", "heerlen", "#005a70", ["Wijkteam Heerlen-Noord", "Schuldhulp Heerlen"]),
    ("GM0080", "leeuwarden", "#20415f", ["Wijkteam Oost", "Schuldhulp Leeuwarden"]),
    ("GM0995", "lelystad", "#24477a", ["Wijkteam Lelystad-Oost", "Schuldhulp Lelystad"]),
    ("GM0356", "nieuwegein", "#6b1d5c", ["Wijkteam Centrale As", "Schuldhulp Nieuwegein"]),
    ("GM0599", "rotterdam", "#00571d", ["Wijkteam Feijenoord", "Schuldhulp Rotterdam-Zuid"]),
    ("GM0606", "schiedam", "#2d4a7a", ["Wijkteam Nieuwland", "Schuldhulp Schiedam"]),
    ("GM0855", "tilburg", "#4a3b7a", ["Wijkteam Noord", "Schuldhulp Tilburg"]),
    ("GM0344", "utrecht", "#b3001b", ["Buurtteam Overvecht", "Schuldhulp Utrecht"]),
    ("GM0479", "zaanstad", "#005b7f", ["Wijkteam Zaandam-Oost", "Schuldhulp Zaanstad"]),
]

AGENCIES = [
    ("UWV", "Uitvoeringsinstituut Werknemersverzekeringen", "uwv"),
    ("SVB", "Sociale Verzekeringsbank", "svb"),
    ("DUO", "Dienst Uitvoering Onderwijs", "duo"),
    ("CAK", "CAK", "cak"),
    ("CJIB", "Centraal Justitieel Incassobureau", "cjib"),
    ("Toeslagen", "Belastingdienst/Toeslagen", "toeslagen"),
]

CREDITORS = [
    ("Woonstichting De Brug (demo)", CreditorKind.WONINGCORPORATIE, "woonbrug"),
    ("Stroom en Gas Nederland (demo)", CreditorKind.ENERGIE, "energie"),
    ("Waterbedrijf West (demo)", CreditorKind.DRINKWATER, "water"),
    ("Zorgverzekeraar Samen (demo)", CreditorKind.ZORGVERZEKERAAR, "zorgverzekeraar"),
]

GEMEENTE_ROLES = [
    ("professional", Role.PROFESSIONAL, 0),
    ("professional2", Role.PROFESSIONAL, 1),
    ("teamleider", Role.TEAMLEIDER, 0),
    ("beheerder", Role.FUNCTIONEEL_BEHEERDER, None),
    ("maatwerk", Role.MAATWERKFUNCTIONARIS, None),
    ("analist", Role.ANALIST, None),
    ("privacy", Role.PRIVACY_OFFICER, None),
    ("vroegsignalering", Role.VROEGSIGNALERING, None),
]

FIRST_NAMES = [
    "Fatima",
    "Jeroen",
    "Sanne",
    "Mohamed",
    "Anouk",
    "Kees",
    "Ilse",
    "Ricardo",
    "Noor",
    "Bram",
    "Yasmina",
    "Pieter",
    "Esra",
    "Daan",
    "Lotte",
    "Hamza",
    "Marieke",
    "Tim",
]
LAST_NAMES = [
    "de Vries",
    "Bakker",
    "El Amrani",
    "Jansen",
    "Visser",
    "Yilmaz",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Kaya",
    "de Jong",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
]


@dataclass
class DemoLogin:
    username: str
    role: str
    organisation: str


class DemoLoader:
    def __init__(self):
        self.password_hash = make_password(DEMO_PASSWORD)
        self.logins: list[DemoLogin] = []
        self.tokens: list[tuple[str, str]] = []
        self._n = 0

    def _name(self) -> tuple[str, str]:
        self._n += 1
        return FIRST_NAMES[self._n % len(FIRST_NAMES)], LAST_NAMES[(self._n * 7) % len(LAST_NAMES)]

    def user(self, username, organisation, role, team=None) -> User:
        first, last = self._name()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "password": self.password_hash,
                "email": f"{username}@demo.doorbraak.local",
            },
        )
        Membership.objects.get_or_create(user=user, organisation=organisation, team=team, role=role)
        self.logins.append(DemoLogin(username, Role(role).label, organisation.name))
        return user

    def organisation(self, name, type, **fields) -> Organisation:
        lookup = {"cbs_code": fields.pop("cbs_code")} if "cbs_code" in fields else {"name": name}
        organisation, _ = Organisation.objects.update_or_create(
            **lookup, defaults={"name": name, "type": type, "active": True, **fields}
        )
        return organisation

    def api_client(self, organisation, name):
        if not ApiClient.objects.filter(organisation=organisation, name=name).exists():
            token, prefix, token_hash = ApiClient.new_token()
            ApiClient.objects.create(
                organisation=organisation, name=name, token_prefix=prefix, token_hash=token_hash
            )
            self.tokens.append((organisation.name, token))

    @transaction.atomic
    def load(self) -> "DemoLoader":
        for code, slug, colour, team_names in MANIFEST_GEMEENTEN:
            gemeente = Organisation.objects.get(cbs_code=code)
            gemeente.active, gemeente.accent_colour = True, colour
            gemeente.save(update_fields=["active", "accent_colour"])
            teams = [
                Team.objects.get_or_create(organisation=gemeente, name=n)[0] for n in team_names
            ]
            for suffix, role, team_index in GEMEENTE_ROLES:
                team = teams[team_index] if team_index is not None else None
                self.user(f"{slug}.{suffix}", gemeente, role, team)

        for short, name, slug in AGENCIES:
            agency = self.organisation(
                name, OrganisationType.UITVOERINGSORGANISATIE, short_name=short
            )
            self.user(f"{slug}.maatwerk", agency, Role.MAATWERKFUNCTIONARIS)
            self.user(f"{slug}.beheerder", agency, Role.FUNCTIONEEL_BEHEERDER)
            self.user(f"{slug}.privacy", agency, Role.PRIVACY_OFFICER)

        loket = self.organisation(
            "Landelijk Maatwerkloket en LET",
            OrganisationType.RIJK,
            short_name="LET",
            accent_colour="#01689b",
        )
        self.user("loket.medewerker", loket, Role.LOKET)
        self.user("loket.let", loket, Role.LOKET)
        self.user("loket.beheerder", loket, Role.FUNCTIONEEL_BEHEERDER)

        platform = self.organisation(
            "Programma Doorbraak — platformbeheer",
            OrganisationType.RIJK,
            short_name="Doorbraak",
            manages_platform=True,
        )
        self.user("platform.beheerder", platform, Role.FUNCTIONEEL_BEHEERDER)
        self.user("platform.privacy", platform, Role.PRIVACY_OFFICER)

        for name, kind, slug in CREDITORS:
            creditor = self.organisation(name, OrganisationType.CREDITEUR, creditor_kind=kind)
            self.user(f"{slug}.beheerder", creditor, Role.FUNCTIONEEL_BEHEERDER)
            self.user(f"{slug}.medewerker", creditor, Role.PROFESSIONAL)
            self.api_client(creditor, "Betalingsachterstanden (demo)")

        kennis = self.organisation(
            "Kennisinstituut Sociaal Domein (demo)", OrganisationType.KENNISINSTELLING
        )
        self.user("kennis.analist", kennis, Role.ANALIST)

        # One person with two roles, to show choosing a role after logging in.
        rotterdam = Organisation.objects.get(cbs_code="GM0599")
        schiedam = Organisation.objects.get(cbs_code="GM0606")
        multi = self.user(
            "demo.tweerollen",
            rotterdam,
            Role.PROFESSIONAL,
            Team.objects.get(organisation=rotterdam, name="Wijkteam Feijenoord"),
        )
        Membership.objects.get_or_create(
            user=multi, organisation=schiedam, role=Role.MAATWERKFUNCTIONARIS
        )

        admin, created = User.objects.get_or_create(
            username="systeembeheer",
            defaults={
                "first_name": "Systeem",
                "last_name": "Beheer",
                "is_staff": True,
                "is_superuser": True,
                "password": self.password_hash,
            },
        )
        Membership.objects.get_or_create(
            user=admin, organisation=platform, role=Role.FUNCTIONEEL_BEHEERDER
        )
        return self
