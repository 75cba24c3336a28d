"""The one error type shown to users: a message and the exit code it ends the command with."""

from __future__ import annotations

EXIT_NOT_FOUND = 1
EXIT_INVALID_CONTENT = 1
EXIT_USAGE = 2


class GuideError(Exception):
    """An error the user caused or can fix; the command line prints it as one line on stderr."""

    exit_code = EXIT_NOT_FOUND

    def __init__(
        self, message: str, *, details: tuple[str, ...] = (), count: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details  # at most a hundred lines or so; `count` is how many in all
        self.count = len(details) if count is None else count


class NotFoundError(GuideError):
    """A name, id or file that does not exist."""

    exit_code = EXIT_NOT_FOUND


class InvalidContentError(GuideError):
    """A knowledge-base file that cannot be used; `details` holds every problem found."""

    exit_code = EXIT_INVALID_CONTENT


class UsageError(GuideError):
    """Arguments that do not make a valid request."""

    exit_code = EXIT_USAGE
