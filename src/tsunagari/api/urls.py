from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from . import messages
from .api import api


def not_found(request: HttpRequest) -> JsonResponse:
    """Anything else under /api/ answers in JSON too, never with the HTML 404 page."""
    return JsonResponse({"detail": str(messages.NOT_FOUND), "errors": []}, status=404)


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/", not_found),
]
