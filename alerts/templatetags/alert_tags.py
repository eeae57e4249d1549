from django import template

from ..forms import SubscriptionForm
from ..sources import get_source

register = template.Library()


@register.inclusion_tag("alerts/follow_form.html", takes_context=True)
def follow_form(context, source_key, form=None):
    """The form to follow the selection on this page by e-mail: `{% follow_form "agenda" %}`,
    or `{% follow_form "agenda" form %}` with the page's bound filter form. Shows nothing when
    no app registered the source."""
    source = get_source(source_key)
    request = context.get("request")
    if source is None or request is None:
        return {"source_key": ""}
    return {
        "source_key": source.key,
        "source_name": source.name,
        "selection": source.selection(request.GET, form=form),
        "form": SubscriptionForm(auto_id="id_volg_%s"),
        "request": request,
    }
