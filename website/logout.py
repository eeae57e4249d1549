"""The admin's log-out on any method. Wagtail's view (after Django's) logs out only on POST, yet
answers a GET with a 405 that drops the session cookie, so the user thinks they are logged out
while the session stays valid for whoever copied the cookie."""

from wagtail.admin.views.account import LogoutView as WagtailLogoutView


class LogoutView(WagtailLogoutView):
    # A forged GET can only log someone out, which costs them a log-in and nothing else.
    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return self.post(request, *args, **kwargs)
