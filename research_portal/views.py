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
        # a file in the site's own storage: on the same host, as Highwire asks
        pdf_url = request.build_absolute_uri(main.file.url)
    return (
        citations.citation_data(
            page=source, credits=context["credits"], base_url=base, pdf_url=pdf_url
        ),
        context,
    )


def publication_serve(request, *, page):
    """The landing page, with its meta tags and FAIR Signposting headers."""
    data, context = _citation_data(request, page)
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
