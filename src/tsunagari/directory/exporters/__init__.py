"""Writing the directory out in standard shapes (HSDS 3.0)."""
