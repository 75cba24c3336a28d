"""The errors the library raises for what a user caused or can fix.

Each carries a kind (what went wrong), a message, and optionally the arguments of a command
that would help; the command line turns the kind into an exit code and the arguments into a
command line of its own (`spasmguide.cli.app`). A web page or another front end reads the same
fields and shows them its own way.
"""

from __future__ import annotations

NOT_FOUND = "not-found"
INVALID_CONTENT = "invalid-content"
USAGE = "usage"


class GuideError(Exception):
    """An error the user caused or can fix."""

    kind = NOT_FOUND

    def __init__(
        self,
        message: str,
        *,
        details: tuple[str, ...] = (),
        count: int | None = None,
        try_instead: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details  # at most a hundred lines or so; `count` is how many in all
        self.count = len(details) if count is None else count
        # The arguments of a command that would help (after the program's name), if any.
        self.try_instead = try_instead


class NotFoundError(GuideError):
    """A name, id or file that does not exist."""

    kind = NOT_FOUND


class InvalidContentError(GuideError):
    """A knowledge-base file that cannot be used; `details` holds every problem found."""

    kind = INVALID_CONTENT


class UsageError(GuideError):
    """Arguments that do not make a valid request."""

    kind = USAGE
