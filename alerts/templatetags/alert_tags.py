from django import template

from ..forms import SubscriptionForm

register = template.Library()


@register.inclusion_tag("alerts/includes/subscription_inputs.html", takes_context=True)
def empty_subscription_inputs(context):
    """The fields of the follow-by-e-mail form, empty (alerts/follow_form.html)."""
    return {"form": SubscriptionForm(auto_id="id_volg_%s"), "request": context.get("request")}
