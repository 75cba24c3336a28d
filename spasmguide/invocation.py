"""The command line, read once: which command a run asks for, with which options and layers.

`read` turns the process's arguments into one `Invocation` that both the page cache and the
Typer app use, so the two can never disagree on which command runs or which knowledge-base
paths it reads. It also puts the forms people type into the one form the app parses:

- a global option after the command moves before it (`technique cupping --color always`);
- a phrase instead of a command is a question (`spasmguide "my neck hurts"` asks it).

Click still parses everything else (and refuses what is malformed). This module runs on the
start-up path, so it imports only what the interpreter has loaded already (not even
`__future__`: the names only the type checker sees are written in quotes).
"""

from spasmguide.user_files import environment_layers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# Every command the app has (tests/test_invocation.py holds this to the app itself).
COMMANDS = (
    "about",
    "acupoint",
    "ask",
    "evidence",
    "export",
    "help",
    "list",
    "lookup",
    "map",
    "paths",
    "quiz",
    "red-flags",
    "schema",
    "search",
    "technique",
    "validate",
)
# Options of the program itself, which may stand before or after the command: each spelling
# with whether it takes a value.
GLOBAL_OPTIONS = {"--color": True}
# Options that print something other than a page, wherever they stand.
NOT_A_PAGE = ("-h", "--help", "-V", "--version", "--install-completion", "--show-completion")
KB_OPTION = "--kb"
ASK = "ask"


class Invocation:
    """One run's request, read from its arguments.

    `arguments` is what the app parses (global options first, then the command and its own
    arguments); `command` is the command it runs (None for none); `kb_paths` every knowledge-base
    path layered for it, SPASMGUIDE_KB's first; `shows_page` whether it prints a page rather
    than help, a version or a completion script.
    """

    __slots__ = ("arguments", "command", "given", "kb_paths", "shows_page")

    def __init__(
        self,
        given: tuple[str, ...],
        arguments: tuple[str, ...],
        command: str | None,
        kb_paths: tuple[str, ...],
        shows_page: bool,
    ) -> None:
        self.given = given
        self.arguments = arguments
        self.command = command
        self.kb_paths = kb_paths
        self.shows_page = shows_page

    def __repr__(self) -> str:
        return f"Invocation({self.arguments!r}, command={self.command!r})"


def read(arguments: "Sequence[str]", environ: "Mapping[str, str] | None" = None) -> Invocation:
    """The invocation `arguments` make (the process's, less the program's name)."""
    given = tuple(arguments)
    front: list[str] = []  # global options, wherever they were given
    index = 0
    while index < len(given) and given[index].startswith("-") and given[index] != "--":
        taken = _global_option(given, index)
        front.extend(given[index : index + taken])
        index += taken
    rest = list(given[index:])
    command = rest[0] if rest and not rest[0].startswith("-") else None
    if command is not None and command not in COMMANDS and _is_a_phrase(command):
        rest.insert(0, ASK)
        command = ASK
    tail: list[str] = []
    position = 1 if command is not None else 0
    while position < len(rest):
        argument = rest[position]
        if argument == "--":
            tail.extend(rest[position:])
            break
        taken = _global_option(rest, position) if argument.startswith("--") else 0
        if taken and _name_of(argument) in GLOBAL_OPTIONS:
            front.extend(rest[position : position + taken])
            position += taken
            continue
        tail.append(argument)
        position += 1
    head = rest[:1] if command is not None else []
    return Invocation(
        given,
        (*front, *head, *tail),
        command,
        (*environment_layers(environ), *_kb_paths(tail)),
        command in COMMANDS and not any(option in NOT_A_PAGE for option in _options(given)),
    )


def _name_of(argument: str) -> str:
    return argument.split("=", 1)[0]


def _global_option(arguments: "Sequence[str]", index: int) -> int:
    """How many arguments the option at `index` spans: 2 for a global option given its value
    apart (`--color never`), else 1."""
    argument = arguments[index]
    takes_value = GLOBAL_OPTIONS.get(argument, False)
    return 2 if takes_value and index + 1 < len(arguments) else 1


def _is_a_phrase(word: str) -> bool:
    """Whether a first argument that is no command reads as a question: words with spaces,
    or a word not close to any command's name (a mistyped command, `serach`, is left for the
    app to refuse with its suggestion)."""
    if " " in word.strip():
        return True
    import difflib  # only on this path, never for a page of a known command

    return not difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.7)


def _options(arguments: "Sequence[str]") -> list[str]:
    """The options among `arguments`, up to a `--`."""
    found = []
    for argument in arguments:
        if argument == "--":
            break
        if argument.startswith("-"):
            found.append(_name_of(argument))
    return found


def _kb_paths(arguments: "Sequence[str]") -> list[str]:
    """The paths given to `--kb`, as `--kb PATH` or `--kb=PATH`."""
    found = []
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == KB_OPTION and index + 1 < len(arguments):
            found.append(arguments[index + 1])
        elif argument.startswith(KB_OPTION + "="):
            found.append(argument[len(KB_OPTION) + 1 :])
    return found
