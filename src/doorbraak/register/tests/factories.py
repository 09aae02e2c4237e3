import factory
from factory.django import DjangoModelFactory

from doorbraak.core.tests.factories import AgencyFactory
from doorbraak.register.models import ContactRequest, EntryKind, RegisterEntry


class RegisterEntryFactory(DjangoModelFactory):
    class Meta:
        model = RegisterEntry
        skip_postgeneration_save = True

    organisation = factory.SubFactory(AgencyFactory)
    kind = EntryKind.FUNCTIONARIS
    name = factory.Sequence(lambda n: f"Maatwerkfunctionaris {n}")
    mandate = "Een terugvordering tijdelijk aanhouden en een betalingsregeling op maat treffen."
    domains = factory.LazyFunction(lambda: ["financien"])
    laws = factory.LazyFunction(lambda: ["Participatiewet"])
    email = factory.Sequence(lambda n: f"maatwerk{n}@example.nl")
    phone = "088 000 00 00"

    @factory.post_generation
    def gemeenten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.gemeenten.set(extracted)


class ContactRequestFactory(DjangoModelFactory):
    class Meta:
        model = ContactRequest

    entry = factory.SubFactory(RegisterEntryFactory)
    from_organisation = factory.LazyAttribute(lambda r: r.plan.household.organisation)
    question = "Kan de terugvordering worden aangehouden?"
