"""Renderers: one module per output format, each with one table from answer kind to layout (see formats.py)."""
