from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tsunagari.search"
    label = "search"
    verbose_name = "検索"
