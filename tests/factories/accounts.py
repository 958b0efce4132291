"""People and organizations."""

import factory
from allauth.account.models import EmailAddress

from lms.accounts.models import Organization, OrganizationType, Region, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"사회적협동조합 {n}")
    name_en = factory.Sequence(lambda n: f"Social Cooperative {n}")
    type = OrganizationType.SOCIAL_COOPERATIVE
    region = Region.JEONBUK


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name_ko = factory.Sequence(lambda n: f"홍길동{n}")
    name_en = factory.Sequence(lambda n: f"Gildong Hong {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse 77")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A verified primary e-mail address, as allauth keeps it."""
        obj.save()
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )
