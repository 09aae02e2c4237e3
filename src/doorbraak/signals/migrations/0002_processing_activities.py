"""Processing activities of vroegsignalering, and the platform defaults of the legal checks."""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "vroegsignaal-ontvangen",
        "name": "Ontvangen van vroegsignalen van betalingsachterstanden",
        "purpose": (
            "Ontvangen, controleren en naar de juiste gemeente routeren van signalen van "
            "betalingsachterstanden van woningverhuurders, energie- en drinkwaterbedrijven en "
            "zorgverzekeraars, zodat de gemeente de inwoner vroegtijdig hulp kan aanbieden."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub c en e; Wet gemeentelijke schuldhulpverlening art. 3 lid 3 "
            "en 4 en art. 2.2.1 (verstrekking door de signaalpartner), Besluit gemeentelijke "
            "schuldhulpverlening art. 2 tot en met 5."
        ),
        "data_subjects": "Inwoners met een betalingsachterstand (huurders, afnemers, verzekerden)",
        "data_categories": (
            "BSN (indien geleverd), naam, geboortedatum, adres, telefoonnummer en e-mailadres, "
            "soort en hoogte van de achterstand, ontstaansdatum en signaaldatum."
        ),
        "special_categories": "Geen.",
        "recipients": (
            "Het team vroegsignalering van de gemeente waar de inwoner woont; de signaalpartner "
            "hoort alleen of het signaal is opgepakt."
        ),
        "retention": (
            "Persoonsgegevens van signalen die niet tot hulp leidden: instelbaar per gemeente, "
            "standaard 90 dagen na afsluiten; anonieme tellingen blijven voor de statistiek."
        ),
        "retention_days": 90,
    },
    {
        "code": "vroegsignalering-uitvoeren",
        "name": "Vroegsignalering: contact leggen en hulp aanbieden",
        "purpose": (
            "Het team vroegsignalering legt contact met de inwoner naar aanleiding van signalen, "
            "legt contactpogingen en het resultaat vast en opent bij een aanvaard aanbod een "
            "huishoudensdossier."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub e; Wet gemeentelijke schuldhulpverlening art. 3 lid 3 en 4. "
            "De inwoner is nooit verplicht hulp te aanvaarden."
        ),
        "data_subjects": "Inwoners over wie signalen zijn ontvangen",
        "data_categories": (
            "Gegevens uit de signalen; contactpogingen (soort, datum, dagdeel, bereikt); "
            "aanbod en resultaat."
        ),
        "special_categories": "Geen.",
        "recipients": "Het team vroegsignalering van de gemeente.",
        "retention": (
            "Zonder hulp: als de signalen (instelbaar, standaard 90 dagen); met hulp: als het "
            "huishoudensdossier."
        ),
        "retention_days": 90,
    },
    {
        "code": "vroegsignalering-ddas",
        "name": "Levering DDAS Vroegsignalering aan het CBS",
        "purpose": (
            "De maandelijkse levering van vroegsignalen, vroegsignaalzaken en contactpogingen "
            "per gemeente volgens de VNG-standaard DDAS, voor de landelijke monitor; en de "
            "import van een DDAS-bestand bij overstap van een ander systeem."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub c en e; Wet op het Centraal bureau voor de statistiek "
            "art. 33; Wet gemeentelijke schuldhulpverlening art. 3 lid 3 en 4."
        ),
        "data_subjects": "Inwoners over wie signalen zijn ontvangen",
        "data_categories": "De velden van DDAS v0.9 (vroegsignaal, client, zaak, contactpoging).",
        "special_categories": "Geen.",
        "recipients": "CBS (via de gegevensleverancier van de gemeente).",
        "retention": "Het bestand wordt niet bewaard; de levering staat in het verwerkingenlog.",
        "retention_days": 0,
    },
    {
        "code": "cjib-noodstop",
        "name": "CJIB-noodstop vastleggen en bewaken",
        "purpose": (
            "Vastleggen van een noodstop bij het CJIB (verkeersboetes en strafrechtelijke "
            "geldsancties) voor een huishouden en bewaken van de termijn van vier maanden en de "
            "verlenging met acht maanden na de start van schuldhulp."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub e; Wet gemeentelijke schuldhulpverlening art. 3; "
            "afspraken CJIB–gemeenten over de noodstop."
        ),
        "data_subjects": "Leden van het huishouden",
        "data_categories": "Datum en kenmerk van de noodstop, start schuldhulp.",
        "special_categories": (
            "Geen bijzondere persoonsgegevens; de noodstop zegt dat er een CJIB-vordering is "
            "(strafrechtelijke gegevens in ruime zin): alleen het team van het huishouden ziet hem."
        ),
        "recipients": "Het team van het huishouden.",
        "retention": "Als huishoudensdossier.",
        "retention_days": 5479,
    },
]

CHECK_RULES = [
    # Convenant vroegsignalering: arrears between 30 and 100 days old when signalled.
    {"code": "termijn-30-100", "parameters": {"min_days": 30, "max_days": 100}},
    # Besluit art. 2: the landlord sent a written reminder that offered to pass the details on.
    {"code": "huur-aanmaning", "parameters": {}},
    # Convenant: a written reminder precedes every signal.
    {"code": "aanmaning-verstuurd", "parameters": {}},
    # Health insurers signal at two months of arrears; CAK takes over from six months.
    {"code": "zorg-cak", "parameters": {"max_months": 6}},
]


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for fields in ACTIVITIES:
        ProcessingActivity.objects.get_or_create(code=fields["code"], defaults=fields)
    CheckRule = apps.get_model("signals", "CheckRule")
    for fields in CHECK_RULES:
        CheckRule.objects.get_or_create(
            code=fields["code"], organisation=None, defaults={"parameters": fields["parameters"]}
        )


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial"), ("audit", "0003_append_only_and_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
