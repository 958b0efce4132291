"""Views of the research portal: thin, over the selectors and citations."""

from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from . import citations
from .selectors import (
    SORTS,
    person_get_public,
    publication_list_by_person,
    publication_list_in_series,
    publication_search,
    series_get,
)

CITE_FORMATS = {
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def publication_index_serve(request, *, index_page):
    """The index: search, facets with counts, sorting and pagination."""
    search = publication_search(
        query=request.GET.get("q", "")[:200].strip(),
        selected={name: request.GET.get(name, "")[:80] for name in _filter_names()},
        sort=request.GET.get("sort", "newest"),
        page=request.GET.get("page", 1),
    )
    for facet in search.facets:
        for option in facet.options:
            params = request.GET.copy()
            params.pop("page", None)
            if option["selected"]:
                params.pop(facet.name, None)
            else:
                params[facet.name] = option["value"]
            option["url"] = "?" + params.urlencode()
    return TemplateResponse(
        request,
        "research_portal/publication_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "search": search,
            "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
            "link_base": index_page.url,
        },
    )


def _filter_names():
    from .selectors import FILTERS

    return FILTERS


def person_profile_serve(request, *, index_page, slug):
    person = person_get_public(slug=slug)
    if person is None:
        raise Http404
    return TemplateResponse(
        request,
        "research_portal/person_profile.html",
        {
            "page": index_page,
            "self": index_page,
            "person": person,
            "publications": publication_list_by_person(person=person),
            "link_base": index_page.url,
        },
    )


def series_serve(request, *, index_page, slug):
    series = series_get(slug=slug)
    if series is None:
        raise Http404
    return TemplateResponse(
        request,
        "research_portal/series.html",
        {
            "page": index_page,
            "self": index_page,
            "series": series,
            "publications": publication_list_in_series(series=series),
            "link_base": index_page.url,
        },
    )


def _citation_data(request, page, context=None):
    from .selectors import publication_page_context

    context = context or publication_page_context(page=page, request=request)
    source = context["publication"]
    main = context["main_file"]
    base = request.build_absolute_uri("/")
    pdf_url = ""
    if main is not None and main.is_open:
        # served by the publication's own view: on the same host, as Highwire asks
        pdf_url = request.build_absolute_uri(f"{page.url}files/{main.pk}/")
    return (
        citations.citation_data(
            page=source, credits=context["credits"], base_url=base, pdf_url=pdf_url
        ),
        context,
    )


def publication_serve(request, *, page):
    """The landing page, with its meta tags and FAIR Signposting headers; each
    view counts as an investigation of the item."""
    from .selectors import usage_monthly
    from .services import usage_record
    from .teaching import publication_used_in

    data, context = _citation_data(request, page)
    usage_record(request=request, page=context["publication"])
    context["usage_rows"] = _usage_rows(usage_monthly(page=context["publication"]))
    context["used_in"] = publication_used_in(
        publication=context["publication"], request=request
    )
    english = (get_language() or "ko").startswith("en")
    cite_base = request.build_absolute_uri(page.url)
    context.update(
        {
            "page": page,
            "self": page,
            "highwire": citations.highwire_meta(data),
            "dublin_core": citations.dublin_core_meta(data),
            "json_ld": citations.json_ld(data),
            "cite_formats": [
                (name, f"{page.url}cite/{name}/") for name in CITE_FORMATS
            ],
            "apa": _formatted(data, "apa", english),
            "chicago": _formatted(data, "chicago", english),
            "canonical_url": data.url,
        }
    )
    response = TemplateResponse(
        request, "research_portal/publication_page.html", context
    )
    response["Link"] = citations.signposting_links(
        data,
        describedby=[
            (f"{cite_base}cite/csl-json/", "application/vnd.citationstyles.csl+json"),
            (f"{cite_base}cite/bibtex/", "application/x-bibtex"),
        ],
    )
    return response


def _formatted(data, style, english):
    return citations.formatted(data, style=style, english=english)


def publication_cite(request, *, page, style):
    """A citation file: BibTeX, RIS or CSL-JSON, as a download."""
    if style not in CITE_FORMATS:
        raise Http404
    data, _context = _citation_data(request, page)
    content_type, extension = CITE_FORMATS[style]
    filename = f"{data.key}.{extension}"
    if style == "bibtex":
        response = HttpResponse(citations.bibtex(data), content_type=content_type)
    elif style == "ris":
        response = HttpResponse(citations.ris(data), content_type=content_type)
    else:
        english = (get_language() or "ko").startswith("en")
        response = JsonResponse(
            [citations.csl_json(data, english=english)],
            safe=False,
            content_type=content_type,
            json_dumps_params={"ensure_ascii": False},
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{data.url}>; rel="describes"'
    return response


def publication_feed(request, *, index_page):
    """An Atom feed of the newest publications."""
    from django.utils import feedgenerator, timezone
    from django.utils.translation import gettext as _

    from .selectors import publication_list_newest

    base = request.build_absolute_uri(index_page.url)
    feed = feedgenerator.Atom1Feed(
        title=index_page.title,
        link=base,
        description=_("New publications"),
        language=get_language(),
        feed_url=request.build_absolute_uri(),
    )
    for publication in publication_list_newest(limit=30):
        url = f"{base}{publication.slug}/"
        published = timezone.make_aware(
            timezone.datetime.combine(
                publication.date_published, timezone.datetime.min.time()
            )
        )
        feed.add_item(
            title=publication.display_title,
            link=url,
            unique_id=url,
            description=publication.display_abstract,
            author_name=", ".join(
                credit.person.display_name for credit in publication.authors.all()
            ),
            pubdate=published,
            updateddate=publication.last_published_at or published,
            categories=[publication.get_publication_type_display()],
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


def publication_file_serve(request, *, page, file_id):
    """One of a publication's files, counted as a request of the item.

    Open files are shown in the browser; restricted ones are for signed-in
    researchers and staff and come as attachments from private storage; an
    embargoed file is not there for anyone until its day.
    """
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied
    from django.http import FileResponse

    from .selectors import publication_file_get, reader_may_read_restricted
    from .services import usage_record

    item = publication_file_get(page=page, file_id=file_id)
    if item is None or item.is_embargoed:
        raise Http404
    if not item.is_open:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not reader_may_read_restricted(request):
            raise PermissionDenied
    try:
        handle = item.file.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    usage_record(request=request, page=page.canonical, file=item)
    response = FileResponse(
        handle,
        as_attachment=not item.is_open,
        filename=item.file.original_filename or item.file.label,
    )
    response["Cache-Control"] = "private, no-store" if not item.is_open else "public"
    return response


def _usage_rows(figures) -> list[tuple]:
    from django.utils.formats import date_format

    return [
        (date_format(row.month, "YEAR_MONTH_FORMAT"), row.investigations, row.requests)
        for row in figures
    ]


def usage_serve(request, *, index_page):
    """Usage figures: staff see every publication, a researcher their own."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    from .selectors import month_starts, usage_pages_for, usage_report

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    pages = usage_pages_for(user=request.user)
    if pages is not None and not pages.exists():
        raise PermissionDenied
    months = month_starts(months=12)
    report = usage_report(start=months[0], end=months[-1], pages=pages)
    rows = [
        {
            "publication": publication,
            "investigations": sum(f.investigations for f in by_month.values()),
            "unique_investigations": sum(
                f.unique_investigations for f in by_month.values()
            ),
            "requests": sum(f.requests for f in by_month.values()),
            "unique_requests": sum(f.unique_requests for f in by_month.values()),
        }
        for publication, by_month in report
    ]
    return TemplateResponse(
        request,
        "research_portal/usage.html",
        {
            "page": index_page,
            "self": index_page,
            "rows": rows,
            "everyone": pages is None,
            "first_month": months[0],
            "last_month": months[-1],
            "link_base": index_page.url,
        },
    )


def usage_report_csv(request, *, index_page):
    """The item report (COUNTER's IR, monthly columns) as CSV, for staff."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from lms.core.csv_export import csv_filename, csv_response

    from .selectors import month_starts, usage_report

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff:
        raise PermissionDenied
    months = month_starts(months=12)
    metrics = [
        ("Total_Item_Investigations", "investigations"),
        ("Unique_Item_Investigations", "unique_investigations"),
        ("Total_Item_Requests", "requests"),
        ("Unique_Item_Requests", "unique_requests"),
    ]
    header = [
        _("Item"),
        "URL",
        "Metric_Type",
        "Reporting_Period_Total",
        *(month.strftime("%b-%Y") for month in months),
    ]

    def rows():
        for publication, by_month in usage_report(start=months[0], end=months[-1]):
            url = request.build_absolute_uri(publication.url or "/")
            for metric, field in metrics:
                values = [
                    getattr(by_month[month], field) if month in by_month else 0
                    for month in months
                ]
                yield [publication.display_title, url, metric, sum(values), *values]

    return csv_response(
        rows(),
        filename=csv_filename("usage", months[0].isoformat(), months[-1].isoformat()),
        header=header,
    )
