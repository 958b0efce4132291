"""The organization directory, a page per organization, profile changes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.accounts.models import OrganizationType, Region

from ..organization_models import (
    EDITABLE_FIELDS,
    OrganizationProfile,
    ProfileChange,
    Sector,
)
from ..selectors import organization_facets, organization_list
from ..services.organizations import (
    OrganizationError,
    profile_change_decide,
    profile_change_propose,
)


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[("", gettext_lazy("All")), *OrganizationType.choices],
    )
    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        required=False,
        choices=[("", gettext_lazy("All")), *Region.choices],
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("Sector"),
        required=False,
        choices=[("", gettext_lazy("All")), *Sector.choices],
    )
    in_town = forms.ChoiceField(
        label=gettext_lazy("In the town"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("yes", gettext_lazy("Tenants of the town")),
            ("no", gettext_lazy("Elsewhere in the region")),
        ],
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = OrganizationProfile
        fields = list(EDITABLE_FIELDS)


@require_GET
def organization_directory(request):
    form = OrganizationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    profiles = organization_list(
        query=(data.get("q") or "").strip(),
        org_type=data.get("type") or "",
        region=data.get("region") or "",
        sector=data.get("sector") or "",
        in_town=data.get("in_town") or "",
    )
    facets = organization_facets(profiles)
    type_labels, region_labels = dict(OrganizationType.choices), dict(Region.choices)
    sector_labels = dict(Sector.choices)
    return render(
        request,
        "cms/town/organization_directory.html",
        {
            "form": form,
            "profiles": list(profiles[:200]),
            "facets": [
                (
                    _("Type"),
                    [(type_labels.get(k, k), n) for k, n in facets["type"].items()],
                ),
                (
                    _("Region"),
                    [(region_labels.get(k, k), n) for k, n in facets["region"].items()],
                ),
                (
                    _("Sector"),
                    [(sector_labels.get(k, k), n) for k, n in facets["sector"].items()],
                ),
            ],
        },
    )


@require_GET
def organization_detail(request, slug: str):
    profile = get_object_or_404(
        OrganizationProfile.objects.filter(is_published=True).select_related(
            "organization", "logo"
        ),
        slug=slug,
    )
    can_edit = request.user.is_authenticated and (
        profile.organization.town_admins.filter(user=request.user).exists()
    )
    return render(
        request,
        "cms/town/organization_detail.html",
        {"profile": profile, "can_edit": can_edit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, slug: str):
    profile = get_object_or_404(
        OrganizationProfile.objects.select_related("organization"), slug=slug
    )
    if not profile.organization.town_admins.filter(user=request.user).exists():
        raise PermissionDenied
    pending = profile.changes.filter(status="pending").first()
    initial = pending.proposed if pending else None
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_change_propose(
                profile=profile,
                user=request.user,
                proposed={name: form.cleaned_data[name] for name in EDITABLE_FIELDS},
            )
        except OrganizationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Thank you. Staff will review the changes before they appear."),
            )
            return redirect(profile.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cms/town/organization_edit.html",
        {"profile": profile, "form": form, "pending": pending},
        status=status,
    )


@login_required
@require_GET
def staff_profile_changes(request):
    if not request.user.is_staff:
        raise PermissionDenied
    changes = ProfileChange.objects.filter(status="pending").select_related(
        "profile__organization", "submitted_by"
    )
    return render(request, "cms/town/staff_profile_changes.html", {"changes": changes})


@login_required
@require_POST
def staff_profile_change_decide(request, pk: int):
    if not request.user.is_staff:
        raise PermissionDenied
    change = get_object_or_404(ProfileChange, pk=pk)
    try:
        profile_change_decide(
            change=change,
            actor=request.user,
            approve=request.POST.get("decision") == "approve",
        )
    except OrganizationError as error:
        messages.error(request, error.message)
    return redirect(reverse("cms:staff-profile-changes"))
