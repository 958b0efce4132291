"""Serializers of the research publications in the partner API (read only).

A partner reads what an anonymous visitor of the research portal reads: open
files only (restricted files are for signed-in researchers and staff, and
embargoed files for no one until their day).
"""

from django.utils.translation import get_language
from rest_framework import serializers

from research_portal.models import (
    AuthorRole,
    Licence,
    PublicationLanguage,
    PublicationType,
)
from research_portal.views import CITE_FORMATS


class PublicationFilterSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=PublicationType.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    topic = serializers.SlugField(required=False, max_length=80)
    series = serializers.SlugField(required=False, max_length=80)
    language = serializers.ChoiceField(
        choices=PublicationLanguage.choices, required=False
    )

    def to_selected(self) -> dict:
        """The research portal's filter names and values (strings)."""
        return {key: str(value) for key, value in self.validated_data.items()}


class NamedSlugSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(source="display_name")


class PublicationAuthorSerializer(serializers.Serializer):
    name = serializers.CharField(source="person.display_name")
    role = serializers.ChoiceField(choices=AuthorRole.choices)
    orcid = serializers.CharField(source="person.orcid", allow_blank=True)
    affiliation = serializers.SerializerMethodField()

    def get_affiliation(self, credit) -> str:
        person = credit.person
        if person.affiliation_en and (get_language() or "ko").startswith("en"):
            return person.affiliation_en
        return person.affiliation


class PublicationFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(source="display_label")
    is_main = serializers.BooleanField()
    version = serializers.CharField(allow_blank=True)
    page_count = serializers.IntegerField(allow_null=True)
    mime_type = serializers.CharField(source="file.mime_type")
    size = serializers.IntegerField(source="file.size", help_text="Bytes.")
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        return f"{self.context['page_url']}files/{item.pk}/"


class PublicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="display_title")
    subtitle = serializers.CharField(allow_blank=True)
    type = serializers.ChoiceField(
        source="publication_type", choices=PublicationType.choices
    )
    date_published = serializers.DateField()
    year = serializers.IntegerField()
    language = serializers.CharField(help_text="ko or en")
    doi = serializers.CharField(allow_blank=True)
    doi_url = serializers.SerializerMethodField()
    licence = serializers.ChoiceField(choices=Licence.choices)
    licence_url = serializers.CharField(allow_blank=True)
    series = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    authors = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    citations = serializers.SerializerMethodField()

    def _page_url(self, page) -> str:
        # Wagtail caches the site's root paths: no query per publication
        return self.context["request"].build_absolute_uri(page.get_url() or "/")

    def get_doi_url(self, page) -> str | None:
        return f"https://doi.org/{page.doi}" if page.doi else None

    def get_series(self, page) -> NamedSlugSerializer(allow_null=True):  # type: ignore[valid-type]
        return NamedSlugSerializer(page.series).data if page.series_id else None

    def get_topics(self, page) -> NamedSlugSerializer(many=True):  # type: ignore[valid-type]
        return NamedSlugSerializer(page.topics.all(), many=True).data

    def get_authors(self, page) -> PublicationAuthorSerializer(many=True):  # type: ignore[valid-type]
        return PublicationAuthorSerializer(
            page.authors.all(), many=True, context=self.context
        ).data

    def get_url(self, page) -> str:
        return self._page_url(page)

    def get_files(self, page) -> PublicationFileSerializer(many=True):  # type: ignore[valid-type]
        open_files = [item for item in page.files.all() if item.is_open]
        context = {**self.context, "page_url": self._page_url(page)}
        return PublicationFileSerializer(open_files, many=True, context=context).data

    def get_citations(self, page) -> dict[str, str]:
        url = self._page_url(page)
        return {style: f"{url}cite/{style}/" for style in CITE_FORMATS}


class PublicationDetailSerializer(PublicationSerializer):
    abstract = serializers.CharField(source="display_abstract", allow_blank=True)
    keywords = serializers.ListField(
        source="keyword_list", child=serializers.CharField()
    )
    publisher = serializers.CharField(allow_blank=True)
    place = serializers.CharField(allow_blank=True)
    pages = serializers.CharField(allow_blank=True)
    isbn = serializers.CharField(allow_blank=True)
    issn = serializers.CharField(allow_blank=True)
    volume = serializers.CharField(allow_blank=True)
    number = serializers.CharField(allow_blank=True)
    container_title = serializers.CharField(allow_blank=True)
    funder = serializers.CharField(allow_blank=True)
    project = serializers.CharField(allow_blank=True)
