import factory
from factory.django import DjangoModelFactory

from doorbraak.core.actors import Actor
from doorbraak.core.models import ApiClient, Membership, Organisation, OrganisationType, Team, User
from doorbraak.core.roles import Role

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    type = OrganisationType.GEMEENTE
    # GM9000–GM9999 are not real gemeenten; a CBS code has four digits (the field holds six
    # characters), so the sequence wraps: a test never makes a thousand organisations.
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    active = True


class AgencyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Uitvoeringsorganisatie {n}")
    type = OrganisationType.UITVOERINGSORGANISATIE
    cbs_code = None


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PROFESSIONAL
    team = None


class ApiClientFactory(DjangoModelFactory):
    class Meta:
        model = ApiClient

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Systeem {n}")
    token_prefix = factory.Sequence(lambda n: f"{n:08x}")
    token_hash = "0" * 64


def member(role=Role.PROFESSIONAL, organisation=None, team=None, **user_fields) -> Membership:
    """A user holding one role in one organisation (a new gemeente unless given)."""
    organisation = organisation or OrganisationFactory()
    if team is None and role in (Role.PROFESSIONAL, Role.TEAMLEIDER):
        team = TeamFactory(organisation=organisation)
    return MembershipFactory(
        user=UserFactory(**user_fields), organisation=organisation, team=team, role=role
    )


def actor_for(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership)
