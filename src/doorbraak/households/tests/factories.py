import factory
from factory.django import DjangoModelFactory

from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory
from doorbraak.households.models import (
    Household,
    HouseholdShare,
    MemberRole,
    Person,
    ProcessingGround,
)


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda h: TeamFactory(organisation=h.organisation))
    straat = factory.Faker("street_name", locale="nl_NL")
    huisnummer = factory.Sequence(lambda n: n % 200 + 1)
    postcode = factory.Sequence(lambda n: f"{3000 + n % 999} AB")
    plaats = "Rotterdam"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory)
    role = MemberRole.AANVRAGER
    voornamen = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)


class GroundFactory(DjangoModelFactory):
    class Meta:
        model = ProcessingGround

    household = factory.SubFactory(HouseholdFactory)
    purpose = "gegevensdeling"
    ground = "wettelijke_taak"
    law = "Wmo 2015 art. 2.3.2"


def household_of(organisation=None, team=None, with_applicant=True, **fields) -> Household:
    organisation = organisation or (team.organisation if team else OrganisationFactory())
    household = HouseholdFactory(
        organisation=organisation, team=team or TeamFactory(organisation=organisation), **fields
    )
    if with_applicant:
        PersonFactory(household=household)
    return household


def share_with(household, membership, *, ends_in_days=30, special=False) -> HouseholdShare:
    import datetime

    from django.utils import timezone

    ground = GroundFactory(household=household)
    ground.share_with.add(membership.organisation)
    return HouseholdShare.objects.create(
        household=household,
        user=membership.user,
        organisation=membership.organisation,
        ground=ground,
        purpose="Afstemming zorgpremie",
        ends_on=timezone.localdate() + datetime.timedelta(days=ends_in_days),
        include_special_categories=special,
    )
