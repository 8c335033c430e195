"""Extractor adapters, one module each; `extractors.registry` finds them by name."""
