"""Measuring what works: survey designs and design-based estimates (issue #5).

``estimation`` is plain numpy (no Django); ``spec``, ``table`` and ``analysis`` serve the
``tsunagari survey estimate`` command."""
