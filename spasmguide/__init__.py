"""spasmguide: an offline guide from muscle-spasm symptoms to acupuncture and manual therapy.

Other programs use `spasmguide.api` (also re-exported here: `from spasmguide import Guide`).
The names are loaded on first use, so the command's start-up never pays for them.
"""

__version__ = "0.1.0"

_API = ("Command", "Guide", "GuideError", "InvalidContentError", "NotFoundError", "Page", "render")


def __getattr__(name: str) -> object:
    if name in _API:
        from spasmguide import api

        return getattr(api, name)
    raise AttributeError(f"module 'spasmguide' has no attribute {name!r}")
