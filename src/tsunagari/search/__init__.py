"""Japanese text search over the directory: normalisation, the index, filters, distance
and open-now."""
