"""The public JSON API under /api/v1: HSDS 3.0 directory endpoints and the navigator."""
