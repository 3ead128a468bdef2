"""tsunagari — one directory of places and people to turn to, for municipal
loneliness and isolation countermeasures (孤独・孤立対策)."""

__version__ = "0.1.0"
