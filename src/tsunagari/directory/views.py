from django.http import HttpRequest, HttpResponse


def service_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("TODO")


def service_detail(request: HttpRequest, service_id: str) -> HttpResponse:
    return HttpResponse("TODO")
