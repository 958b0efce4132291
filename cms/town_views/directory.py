"""The directory of the town's linked services."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..forms import ServiceFilterForm
from ..selectors import service_list


@require_GET
def service_directory(request):
    form = ServiceFilterForm(request.GET or None)
    filters = form.filters()
    services = list(service_list(**filters)[:200])
    return render(
        request,
        "cms/town/service_directory.html",
        {"form": form, "services": services, "filtered": bool(request.GET)},
    )
