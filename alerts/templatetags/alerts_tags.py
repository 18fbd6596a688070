from django import template

from alerts.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def alerts_unread_count(context) -> int:
    """The header's badge: one indexed COUNT, computed once per request."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    if not hasattr(request, "_alerts_unread"):
        request._alerts_unread = unread_count(user=request.user)
    return request._alerts_unread
