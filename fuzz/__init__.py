"""Fuzz targets for textrepair (see fuzz/README.md)."""
