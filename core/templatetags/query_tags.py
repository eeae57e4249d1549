from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, param, value=None):
    """The current query string without one filter value (or the whole parameter), from page 1."""
    query = context["request"].GET.copy()
    query.pop("pagina", None)
    if value is None:
        query.pop(param, None)
    else:
        query.setlist(param, [item for item in query.getlist(param) if item != value])
    return query.urlencode()


@register.simple_tag
def page_numbers(page_obj):
    """The first and last page numbers and two either side of the current one, `None` for a
    gap: a directory of 500 pages linking all of them is long and slow to read and render."""
    ellipsis = page_obj.paginator.ELLIPSIS
    return [
        None if number == ellipsis else number
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    ]
