"""The calendar's iCalendar files, /<calendar>/feed.ics and /<calendar>/<event>/event.ics.
Not routes of the pages: Wagtail routes only paths that end in a slash. The page is found
through Wagtail's own routing (live pages only), and it builds the file."""

from django.http import Http404
from wagtail.models import Page

from .models import EventIndexPage, EventPage


def calendar_file(request, page_path, filename):
    page = Page.find_for_request(request, "/" + page_path)
    if page is None or page.get_view_restrictions().exists():
        raise Http404
    if filename == "feed" and isinstance(page, EventIndexPage):
        return page.feed(request)
    if filename == "event" and isinstance(page, EventPage):
        return page.ics(request)
    raise Http404
