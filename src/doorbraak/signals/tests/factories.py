"""Factories shared by the vroegsignalering tests. Parts add their own in factories_<part>.py."""

import datetime

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from doorbraak.core.models import CreditorKind, OrganisationType
from doorbraak.core.tests.factories import OrganisationFactory
from doorbraak.signals.codes import Signaalpartner
from doorbraak.signals.models import (
    Channel,
    Delivery,
    Signal,
    SignalCase,
    address_key,
)

# Valid test BSNs (elfproef); none belongs to a real person in the test sets of BZK.
VALID_BSNS = ["111222333", "123456782", "999999990", "100000009", "900000015"]


class CreditorFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Woningcorporatie Test {n}")
    type = OrganisationType.CREDITEUR
    cbs_code = None
    creditor_kind = CreditorKind.WONINGCORPORATIE


class DeliveryFactory(DjangoModelFactory):
    class Meta:
        model = Delivery

    creditor = factory.SubFactory(CreditorFactory)
    channel = Channel.API
    file_format = "json"


class SignalFactory(DjangoModelFactory):
    """A routed, valid signal (no case yet) for the given ``organisation`` (gemeente)."""

    class Meta:
        model = Signal

    delivery = factory.SubFactory(DeliveryFactory)
    creditor = factory.SelfAttribute("delivery.creditor")
    external_id = factory.Sequence(lambda n: f"SIG-{n:06d}")
    signaalpartner = Signaalpartner.HUUR
    bedrag = 450
    signaaldatum = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    ontstaansdatum = factory.LazyAttribute(lambda s: s.signaaldatum - datetime.timedelta(days=45))
    aanmaningsdatum = factory.LazyAttribute(lambda s: s.signaaldatum - datetime.timedelta(days=14))
    delen_aangeboden = True
    voorletters = "J."
    achternaam = factory.Sequence(lambda n: f"Jansen{n}")
    geboortedatum = datetime.date(1980, 5, 17)
    birth_year = 1980
    straatnaam = "Dorpsstraat"
    postcode = "3072AP"
    huisnummer = factory.Sequence(lambda n: str(n % 9000 + 1))
    huisnummertoevoeging = ""
    plaatsnaam = "Rotterdam"
    organisation = factory.SubFactory(OrganisationFactory)
    gemeente_code = factory.SelfAttribute("organisation.cbs_code")
    address_key = factory.LazyAttribute(
        lambda s: address_key(s.postcode, s.huisnummer, s.huisnummertoevoeging)
    )


class SignalCaseFactory(DjangoModelFactory):
    class Meta:
        model = SignalCase

    organisation = factory.SubFactory(OrganisationFactory)
    address_key = factory.Sequence(lambda n: f"{n:064x}")
    matchingsdatum = factory.LazyFunction(timezone.localdate)
    startdatum_matchingperiode = factory.LazyAttribute(
        lambda c: c.matchingsdatum - datetime.timedelta(days=30)
    )
    einddatum_matchingperiode = factory.LazyAttribute(lambda c: c.matchingsdatum)
    deadline = factory.LazyAttribute(lambda c: c.matchingsdatum + datetime.timedelta(days=28))
    signal_count = 1
    creditor_count = 1
    total_amount = 450


def case_with_signals(organisation, count=1, **signal_fields) -> SignalCase:
    """A case of ``organisation`` with ``count`` signals at one address."""
    case = SignalCaseFactory(organisation=organisation, signal_count=count)
    for _ in range(count):
        SignalFactory(
            organisation=organisation, case=case, address_key=case.address_key, **signal_fields
        )
    return case
