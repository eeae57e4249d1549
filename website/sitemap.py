from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap

from core.links import absolute_url


class PublicSitemap(Sitemap):
    """Wagtail's sitemap on the site's public address (SITE_URL), as the canonicals, feeds and
    e-mails: the Site record's hostname is what the server answers to behind the proxy, which
    search engines must not be sent to."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            url["location"] = absolute_url(urlsplit(url["location"]).path)
        return urls
