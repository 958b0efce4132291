"""The sitemap lists every language's pages, not only the site root's locale,
and each page with its translations as hreflang alternates."""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from lms.core.site_url import absolute_url


class TranslatedSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Each page's URLs, with `alternates` naming every language's version
        (Django's sitemap template writes them as xhtml:link hreflang).

        Wagtail writes each Site's root URL (localhost in the demo); the sitemap
        names the public host instead, like every other absolute URL."""
        items = list(self.paginator.page(page).object_list)
        versions = defaultdict(list)
        for item in items:
            versions[item.translation_key].append(item)
        locations = {
            item.pk: absolute_url(item.get_full_url(self.request), self.request)
            for item in items
        }
        urls, last_mods = [], set()
        for item in items:
            siblings = versions[item.translation_key]
            for url_info in item.get_sitemap_urls(self.request):
                url_info["location"] = absolute_url(url_info["location"], self.request)
                if len(siblings) > 1:
                    url_info["alternates"] = [
                        {
                            "lang_code": sibling.locale.language_code,
                            "location": locations[sibling.pk],
                        }
                        for sibling in siblings
                    ]
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
