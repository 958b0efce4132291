"""The partner's webhook endpoints, their delivery log and redelivery."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.response import Response

from ... import selectors
from ...errors import PartnerNotFound
from ...models import Scope
from ...services.webhooks import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_redeliver,
)
from ..base import PartnerAPIMixin, PartnerAPIView
from ..serializers import (
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointSerializer,
)
from .docs import COMMON, ETAG, LANGUAGE, NOT_MODIFIED, problem_responses

WEBHOOK_SIGNING = (
    "Each delivery is a POST of the event as JSON with the headers "
    "`Campus-Event`, `Campus-Delivery` (the event id; the same on a redelivery), "
    "`Campus-Timestamp` (Unix seconds) and `Campus-Signature: v1=<hex>`, the "
    "HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret. Answer 2xx; "
    "anything else is retried with exponential backoff (30 s, 1 min, 2 min, … up "
    "to 8 attempts)."
)


class WebhookList(PartnerAPIMixin, generics.ListAPIView):
    serializer_class = WebhookEndpointSerializer
    required_scope = Scope.WEBHOOKS_MANAGE

    def get_queryset(self):
        return selectors.partner_webhook_endpoints(institution=self.institution)

    @extend_schema(
        tags=["webhooks"],
        summary="The partner's webhook endpoints",
        description=WEBHOOK_SIGNING,
        parameters=[LANGUAGE, ETAG],
        responses={
            304: NOT_MODIFIED,
            200: WebhookEndpointSerializer(many=True),
            **problem_responses(400, *COMMON),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["webhooks"],
        summary="Add a webhook endpoint (its secret is shown once)",
        description=WEBHOOK_SIGNING,
        request=WebhookEndpointSerializer,
        parameters=[LANGUAGE],
        responses={
            201: WebhookEndpointCreatedSerializer,
            **problem_responses(400, *COMMON),
        },
        examples=[
            OpenApiExample(
                "Completion and certificates",
                value={
                    "url": "https://lms.hanbit.ac.kr/campus/webhook",
                    "events": ["enrolment.completed", "certificate.issued"],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        payload = WebhookEndpointSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(
            institution=self.institution, **payload.validated_data
        )
        return Response(
            WebhookEndpointCreatedSerializer(endpoint).data,
            status=status.HTTP_201_CREATED,
        )


class _EndpointMixin:
    def get_endpoint(self, pk: int):
        endpoint = (
            selectors.partner_webhook_endpoints(institution=self.institution)
            .filter(pk=pk)
            .first()
        )
        if endpoint is None:
            raise PartnerNotFound(_("There is no such webhook endpoint of yours."))
        return endpoint


class WebhookDetail(_EndpointMixin, PartnerAPIView):
    required_scope = Scope.WEBHOOKS_MANAGE

    @extend_schema(
        tags=["webhooks"],
        summary="Remove a webhook endpoint and its delivery log",
        parameters=[LANGUAGE],
        responses={204: None, **problem_responses(404, *COMMON)},
    )
    def delete(self, request, pk: int):
        webhook_endpoint_delete(endpoint=self.get_endpoint(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryList(_EndpointMixin, PartnerAPIMixin, generics.ListAPIView):
    serializer_class = WebhookDeliverySerializer
    required_scope = Scope.WEBHOOKS_MANAGE

    def get_queryset(self):
        return selectors.webhook_deliveries(
            endpoint=self.get_endpoint(self.kwargs["pk"])
        )

    @extend_schema(
        tags=["webhooks"],
        summary="The delivery log of an endpoint",
        parameters=[LANGUAGE, ETAG],
        responses={
            304: NOT_MODIFIED,
            200: WebhookDeliverySerializer(many=True),
            **problem_responses(400, 404, *COMMON),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class WebhookRedeliver(PartnerAPIView):
    required_scope = Scope.WEBHOOKS_MANAGE

    @extend_schema(
        tags=["webhooks"],
        summary="Send a delivery again (same event id)",
        request=None,
        parameters=[LANGUAGE],
        responses={202: WebhookDeliverySerializer, **problem_responses(404, *COMMON)},
    )
    def post(self, request, pk: int):
        delivery = (
            selectors.partner_webhook_deliveries(institution=self.institution)
            .filter(pk=pk)
            .first()
        )
        if delivery is None:
            raise PartnerNotFound(_("There is no such webhook delivery of yours."))
        again = webhook_redeliver(delivery=delivery)
        again.refresh_from_db()
        return Response(
            WebhookDeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED
        )
