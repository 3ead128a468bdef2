from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict[str, object]:
    return {"site_name": settings.TSUNAGARI_SITE_NAME, "demo_mode": settings.DEMO}


def languages(request: HttpRequest) -> dict[str, object]:
    """The language switch: this same page (with its query) in every language. The
    language lives in the URL prefix, so switching stores nothing (no cookie)."""
    current = get_language()
    path = request.get_full_path()
    return {
        "page_language": current,
        # <html lang>: やさしい日本語 is Japanese ("ja-easy" is not a valid BCP 47 tag).
        "html_lang": "en" if current == "en" else "ja",
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
