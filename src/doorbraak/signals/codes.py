"""The DDAS Vroegsignalering v0.9 code lists, with the exact values of the official schema.

The stored value is the DDAS value, so an export needs no translation table; the label is what
the Dutch interface shows. ``tests/test_codes.py`` checks every list against the schema file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Signaalpartner(models.TextChoices):
    """EnumSignaalpartner: the kind of creditor that sent the signal."""

    ENERGIE = "Energie", _("Energy")
    HUUR = "Huur", _("Rent")
    HYPOTHEEK = "Hypotheek", _("Mortgage")
    CAK_ZORGVERZEKERINGEN = "CAK Zorgverzekeringen", _("CAK health insurance (wanbetalers)")
    ZORG = "Zorg", _("Health insurance")
    WATER = "Water", _("Drinking water")
    DUO = "DUO", _("DUO")
    BELASTINGDIENST = "Belastingdienst", _("Belastingdienst")
    CAK_EIGEN_BIJDRAGE = "CAK Eigen bijdrage", _("CAK own contribution")
    OVERIGE = "Overige", _("Other")
    DIENST_TOESLAGEN = "Dienst Toeslagen", _("Dienst Toeslagen")


class Contactsoort(models.TextChoices):
    """EnumContactsoort: how the municipality tried to reach the resident."""

    MAIL = "Mail", _("E-mail")
    BRIEF = "Brief", _("Letter")
    SMS_WHATSAPP = "SMS/Whatsapp", _("SMS/WhatsApp")
    TELEFOON = "Telefoon", _("Phone")
    HUISBEZOEK = "Huisbezoek", _("Home visit")
    KAARTJE = "Kaartje", _("Card left at the door")
    OVERIGE = "Overige", _("Other")
    ADMINISTRATIEF = "Administratief", _("Administrative, without contact")


class Dagdeel(models.TextChoices):
    """EnumDagdeel."""

    OCHTEND = "Ochtend", _("Morning")
    MIDDAG = "Middag", _("Afternoon")
    AVOND = "Avond", _("Evening")


class Signaalstatus(models.TextChoices):
    """EnumSignaalstatus: what became of one signal."""

    NOG_NIET_OPGEPAKT = "Nog niet opgepakt", _("Not yet taken up")
    ONTERECHT = "Niet opgepakt: onterecht signaal", _("Not taken up: unjustified signal")
    OVERLEDEN = "Inwoner is overleden", _("Resident has died")
    GEEN_INWONER = (
        "Persoon is geen inwoner (meer) in de gemeente",
        _("Person is not (or no longer) a resident of the municipality"),
    )
    HERHAALD = "Niet opgepakt: herhaalde melding", _("Not taken up: repeated signal")
    ANDERE_REDEN = "Niet opgepakt: andere reden", _("Not taken up: other reason")


class Eindresultaat(models.TextChoices):
    """EnumEindresultaat: the outcome of a vroegsignaalzaak."""

    HERHAALD = "Niet opgepakt: herhaalde melding", _("Not taken up: repeated signal")
    ONTERECHT = "Niet opgepakt: onterecht signaal", _("Not taken up: unjustified signal")
    OVERLEDEN = "Inwoner is overleden", _("Resident has died")
    GEEN_INWONER = (
        "Persoon is geen inwoner (meer) in de gemeente",
        _("Person is not (or no longer) a resident of the municipality"),
    )
    ANDERE_REDEN = "Niet opgepakt: andere reden", _("Not taken up: other reason")
    AL_BEKEND_SHV = (
        "Inwoner al bekend bij schuldhulpverlening",
        _("Resident already known to debt help"),
    )
    ANDER_TRAJECT = (
        "Inwoner heeft al een ander lopend traject",
        _("Resident already has another ongoing programme"),
    )
    GEEN_CONTACT = (
        "Definitief geen contact kunnen krijgen",
        _("Could not make contact (final)"),
    )
    GEEN_REACTIE = "Geen reactie na eerder contact", _("No response after earlier contact")
    GEEN_HULP_NODIG = (
        "Inwoner hoeft geen hulp vanuit vroegsignalering",
        _("Resident does not want help from vroegsignalering"),
    )
    ZELF_BETAALD = (
        "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
        _("Resident has paid or made a payment arrangement"),
    )
    ADVIES_QUICK_FIX = "(Budget)advies en/of quick fix", _("(Budget) advice and/or quick fix")
    VERVOLGHULP_FINANCIEEL = (
        "Vervolghulp en/of verwijzing financieel",
        _("Follow-up help and/or referral, financial"),
    )
    VERWIJZING_ZONDER_CONTACT = "Verwijzing zonder contact", _("Referral without contact")
    VERVOLGHULP_NIET_FINANCIEEL = (
        "Vervolghulp en/of verwijzing niet financieel",
        _("Follow-up help and/or referral, non-financial"),
    )


# Outcomes in which help was given or accepted: a signal with such an outcome is not deleted
# by the short retention of signals that led to no help.
HELP_OUTCOMES = frozenset(
    {
        Eindresultaat.ADVIES_QUICK_FIX,
        Eindresultaat.VERVOLGHULP_FINANCIEEL,
        Eindresultaat.VERVOLGHULP_NIET_FINANCIEEL,
        Eindresultaat.VERWIJZING_ZONDER_CONTACT,
    }
)

# Outcomes that mean the case was not taken up: the creditor hears "niet opgepakt".
NOT_TAKEN_UP_OUTCOMES = frozenset(
    {
        Eindresultaat.HERHAALD,
        Eindresultaat.ONTERECHT,
        Eindresultaat.OVERLEDEN,
        Eindresultaat.GEEN_INWONER,
        Eindresultaat.ANDERE_REDEN,
    }
)

# "Threatening" debts (rent, energy, water, mortgage): disconnection or eviction is possible.
THREATENING = frozenset(
    {
        Signaalpartner.HUUR,
        Signaalpartner.HYPOTHEEK,
        Signaalpartner.ENERGIE,
        Signaalpartner.WATER,
    }
)
