from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"site_name": settings.TSUNAGARI_SITE_NAME, "demo_mode": settings.DEMO}
