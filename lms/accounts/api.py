"""The accounts part of the REST API."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Organization, User


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "name_en", "type", "region"]


class MeSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "name_ko",
            "name_en",
            "preferred_language",
            "organization",
            "roles",
        ]

    def get_roles(self, user: User) -> list[str]:
        return [group.name for group in user.groups.all()]


@extend_schema(responses=MeSerializer, summary="The signed-in user")
@api_view(["GET"])
def me(request):
    user = (
        User.objects.select_related("organization")
        .prefetch_related("groups")
        .get(pk=request.user.pk)
    )
    return Response(MeSerializer(user).data)
