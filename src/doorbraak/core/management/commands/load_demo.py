from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from doorbraak.core.demo import DEMO_PASSWORD, DemoLoader
from doorbraak.escalation.demo import load_demo_escalation
from doorbraak.households.demo import load_demo_households
from doorbraak.monitor.demo import load_demo_stapeling
from doorbraak.register.demo import load_demo_register
from doorbraak.rekensom.demo import load_demo_rekensommen
from doorbraak.signals.demo import load_demo_signals

SHOWN = [
    "rotterdam.professional",
    "rotterdam.teamleider",
    "rotterdam.beheerder",
    "rotterdam.maatwerk",
    "rotterdam.analist",
    "rotterdam.privacy",
    "rotterdam.vroegsignalering",
    "schiedam.professional",
    "cak.maatwerk",
    "cak.beheerder",
    "loket.let",
    "platform.beheerder",
    "woonbrug.beheerder",
    "woonbrug.medewerker",
    "kennis.analist",
    "demo.tweerollen",
    "systeembeheer",
]


class Command(BaseCommand):
    help = "Create the demo organisations, teams and users (idempotent) and print the logins."

    def handle(self, *args, **options):
        call_command("import_gemeenten", verbosity=0)
        call_command("load_monitor_data", verbosity=0)
        loader = DemoLoader().load()
        households = load_demo_households()
        rekensommen = load_demo_rekensommen()
        register = load_demo_register()
        escalations = load_demo_escalation()
        signals = load_demo_signals()
        stapeling = load_demo_stapeling()
        w = self.stdout.write
        w("")
        w("Demo-gegevens geladen (DEMO — geen echte gegevens).")
        if not settings.DEMO_MODE:
            w("Let op: DOORBRAAK_DEMO_MODE staat uit; de tweede factor is dan verplicht.")
        w(f"Wachtwoord voor alle demo-accounts: {DEMO_PASSWORD}")
        w(f"{households.households} huishoudens met maatwerkplannen ({households.created} nieuw)")
        w(f"{rekensommen} nieuwe maatschappelijke rekensommen met juridische grond")
        w(f"{register} nieuwe vermeldingen in het Maatwerkregister")
        w(f"{escalations} nieuwe objecten in loket, LET, overbrugging en knelpunten")
        w(f"{signals} nieuwe vroegsignalen (Rotterdam, Utrecht, Schiedam)")
        if stapeling is not None:
            w(
                f"Synthetische bevolking voor de stapelingspagina's: {stapeling.persons} personen "
                f"per jaar ({stapeling.seconds:.1f} s) in {stapeling.path}"
            )
        w("")
        w(f"{'gebruikersnaam':<26} {'rol':<28} organisatie")
        by_name = {login.username: login for login in loader.logins}
        for username in SHOWN:
            login = by_name.get(username)
            if login:
                w(f"{username:<26} {login.role:<28} {login.organisation}")
        w(f"{'systeembeheer':<26} {'technisch beheer (admin)':<28} /systeembeheer/")
        w("")
        w("Elke manifestgemeente heeft dezelfde rollen: <gemeente>.professional, .professional2,")
        w(".teamleider, .beheerder, .maatwerk, .analist, .privacy en .vroegsignalering")
        w("(bijv. utrecht.teamleider); schuldeisers: <naam>.beheerder en <naam>.medewerker;")
        w("uitvoeringsorganisaties: uwv/svb/duo/cak/cjib/toeslagen")
        w("  met .maatwerk, .beheerder en .privacy (bijv. cak.maatwerk).")
        for organisation, token in loader.tokens:
            w(f"API-token voor {organisation} (alleen nu getoond): {token}")
