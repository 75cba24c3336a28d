"""spasmguide: an offline guide from muscle-spasm symptoms to acupuncture and manual therapy."""

__version__ = "0.1.0"
