"""The `spasmguide` command line: parses arguments, asks the library for a page, renders it.

Every error a user can cause ends here as one line on stderr and exit code 1 (not found,
invalid content) or 2 (usage). Rich and the knowledge base are imported only by the commands
that need them, to keep start-up fast.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from spasmguide import __version__, errors, invocation, user_files
from spasmguide.errors import GuideError, InvalidContentError, NotFoundError, UsageError
from spasmguide.kb import names
from spasmguide.kb.guide import GuideInForce
from spasmguide.kb.model import KINDS, LISTED_KINDS, QUIZ_TOPICS, Cause, Region, Technique
from spasmguide.pages import builders as pages
from spasmguide.safe_text import one_line

if TYPE_CHECKING:
    from spasmguide.pages.document import Page

PROGRAM = "spasmguide"
# Other words people use for the kinds `list` shows.
LISTED_ALIASES = {
    "points": "acupoints",
    "point": "acupoints",
    "region": "regions",
    "point-terms": "point_terms",
}


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class GuideGroup(TyperGroup):
    """Runs a command and turns every error into one line on stderr with the right exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self.run_guarded(args, prog_name or PROGRAM, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def run_guarded(
        self, args: Sequence[str] | None, prog_name: str, complete_var: str | None, **extra: Any
    ) -> int:
        try:
            arguments = list(sys.argv[1:] if args is None else args)
            _refuse_repeated_options(self, invocation.read(arguments))
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except GuideError as error:
            return _fail(_error_message(error), EXIT_CODES[error.kind])
        except typer.TyperException as error:
            return _fail(_click_message(error), getattr(error, "exit_code", 1))
        except SystemExit as exit_:
            if exit_.code is None:
                return 0
            return exit_.code if isinstance(exit_.code, int) else 1
        except KeyboardInterrupt:
            return 130
        except OSError as error:
            if error.errno not in _OUTPUT_ERRORS:
                raise
            return _fail(f"cannot write the output: {error.strerror}", 1)
        except Exception as error:  # a bug: say so in one line; SPASMGUIDE_DEBUG shows the trace
            if os.environ.get("SPASMGUIDE_DEBUG"):
                raise
            return _fail(f"internal error: {type(error).__name__}: {error}", 1)
        return result if isinstance(result, int) else 0


# Writing to standard output failed: it is closed, the disk is full, the device failed.
_OUTPUT_ERRORS = frozenset({errno.EBADF, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT})


def _refuse_repeated_options(group: TyperGroup, invoked: invocation.Invocation) -> None:
    """A usage error when an option that takes one value is given twice (`-r neck -r back`):
    click would silently keep the last."""
    command = group.commands.get(invoked.command or "")
    if command is None:
        return
    arguments = list(invoked.arguments)
    single: dict[str, str] = {}
    for parameter in command.params:
        takes_one_value = (
            getattr(parameter, "param_type_name", "") == "option"
            and not parameter.multiple
            and not getattr(parameter, "is_flag", False)
            and not getattr(parameter, "count", False)
        )
        if takes_one_value:
            for spelling in parameter.opts:
                single[spelling] = parameter.opts[-1]
    seen: set[str] = set()
    rest = iter(arguments[arguments.index(invoked.command or "") + 1 :])
    for argument in rest:
        if argument == "--":
            break
        spelling = argument.split("=", 1)[0] if argument.startswith("--") else argument[:2]
        option = single.get(spelling)
        if option is None:
            continue
        if option in seen:
            raise UsageError(f"{spelling} was given more than once")
        seen.add(option)
        if argument == spelling:
            next(rest, None)  # its value


# What each kind of library error ends the command with: 1 for a name or file that is not
# there or content that cannot be used, 2 for a request that is not well formed.
EXIT_CODES = {errors.NOT_FOUND: 1, errors.INVALID_CONTENT: 1, errors.USAGE: 2}


def _error_message(error: GuideError) -> str:
    """The error's message, and the command that would help, as this program is typed."""
    if not error.try_instead:
        return error.message
    from spasmguide.pages.document import Command

    return f"{error.message.rstrip('.')}. Or try: {Command(error.try_instead).words()}"


def _click_message(error: typer.TyperException) -> str:
    format_message = getattr(error, "format_message", None)
    message = format_message() if callable(format_message) else str(error)
    context = getattr(error, "ctx", None)
    if context is not None and getattr(error, "exit_code", 1) == 2:
        message += f" (see '{context.command_path} --help')"
    return str(message)


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"{PROGRAM}: error: {one_line(message, 2000)}\n")
    return code


def _examples(*commands: str) -> str:
    # "\b" keeps click from re-wrapping the lines, so each example stays on its own line.
    return "Examples:\n\n\b\n" + "\n".join(f"  {command}" for command in commands)


_APP_SETTINGS: dict[str, Any] = {
    "cls": GuideGroup,
    "add_completion": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "help": "An offline guide from muscle-spasm symptoms to acupuncture and manual-therapy "
    "techniques.\n\nIt informs; it never diagnoses. See a Licensed Acupuncturist (L.Ac) "
    "before trying any technique.",
    "epilog": _examples(
        "spasmguide ask 'my calf cramps at night'",
        "spasmguide lookup --region neck",
        "spasmguide technique cupping",
        "spasmguide search 'trigger point'",
        "spasmguide red-flags",
    ),
}
app = typer.Typer(**_APP_SETTINGS)


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help="Output format: text, json or markdown.",
    ),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROGRAM} {__version__}\n")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def main_callback(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    color: Annotated[
        str,
        typer.Option(
            "--color",
            metavar="WHEN",
            help="Colour in text pages: auto (in a terminal, unless NO_COLOR), always or never.",
        ),
    ] = "auto",
) -> None:
    chosen = _one_of(color, ("auto", "always", "never"), "--color")
    if chosen != "auto":  # Rich reads these when a page is rendered
        os.environ.pop("FORCE_COLOR" if chosen == "never" else "NO_COLOR", None)
        os.environ["NO_COLOR" if chosen == "never" else "FORCE_COLOR"] = "1"
    if context.invoked_subcommand is None:
        sys.stdout.write(context.get_help() + "\n")


PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="Send long text pages in a terminal through $PAGER (default: less -R).",
        show_default=False,
    ),
]
KbOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kb",
        metavar="PATH",
        help="A YAML file or folder layered over the shipped knowledge base (repeatable).",
    ),
]


def _complete_ids(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion for the entries of `kind`: their ids, the user's layers included."""

    def complete(context: typer.Context, incomplete: str) -> list[str]:
        try:
            kb = _guide(context.params.get("kb_paths")).kb
        except GuideError:
            return []
        wanted = incomplete.casefold()
        found = [entry_id for entry_id in kb.collection(kind) if entry_id.startswith(wanted)]
        if kind == "acupoints":  # every code system a student meets: LIV3, SJ5, Du14, UB40
            codes = (
                code
                for point in kb.acupoints.values()
                for code in (point.code, *names.other_codes(point.code))
                if code and code.casefold() != point.id
            )
            found += [code for code in codes if code.casefold().startswith(wanted)]
        return found

    return complete


def _complete_from(choices: Sequence[str]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete.casefold())]

    return complete


def _region_option(help_text: str) -> Any:
    """The --region option of the commands that take one, with its completion."""
    return typer.Option(
        "--region",
        "-r",
        metavar="REGION",
        help=help_text,
        autocompletion=_complete_ids("regions"),
    )


def _name_argument(kind: str, help_text: str) -> Any:
    """The NAME argument of a command that opens one entry of `kind`, with its completion."""
    return typer.Argument(metavar="NAME", help=help_text, autocompletion=_complete_ids(kind))


def _one_of(value: str, choices: Sequence[str], what: str) -> str:
    """`value` as one of `choices` (any case), or a usage error that lists them."""
    if value.lower() in choices:
        return value.lower()
    raise UsageError(f"{what} must be one of {', '.join(choices)}, not '{one_line(value, 40)}'")


@app.command(
    short_help="A region or cause: warning signs, self-care, techniques.",
    epilog=_examples(
        "spasmguide lookup --region neck",
        "spasmguide lookup neck",
        "spasmguide lookup --cause stress",
        "spasmguide lookup --region 'lower back' --cause posture --format markdown",
    ),
)
def lookup(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="A region or a cause by name (a region when it names both).",
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        _region_option("A body region, e.g. neck, lower back, ITB."),
    ] = None,
    cause: Annotated[
        str | None,
        typer.Option(
            "--cause",
            "-c",
            metavar="CAUSE",
            help="A cause, e.g. stress, posture, overuse.",
            autocompletion=_complete_ids("causes"),
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="Show everything: every technique, acupoints, evidence, sources."
        ),
    ] = False,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show a region or cause page: warning signs first, then self-care, then techniques
    ranked by evidence.

    Give a body region, a cause, or both. Each technique shows why it is suggested and
    what its rank rests on; --full adds acupoints, the evidence in full and sources.
    """
    if name is None and region is None and cause is None:
        raise UsageError("give a region or cause, e.g. spasmguide lookup neck")
    if name is not None and region is not None and cause is not None:
        raise UsageError("give a NAME or --region and --cause, not all three")
    kb = _guide(kb_paths).kb
    found_region = names.resolve_region(kb, region) if region is not None else None
    found_cause = names.resolve_cause(kb, cause) if cause is not None else None
    if name is not None:
        found = names.resolve_region_or_cause(kb, name, region=found_region is None)
        if isinstance(found, Region):
            found_region = found
        else:
            found_cause = found
    # JSON and Markdown always carry everything; a text page is short unless --full.
    full = full or output is not OutputFormat.text
    _show(pages.lookup_page(kb, found_region, found_cause, full=full), output, pager=pager)


@app.command(
    short_help="Ask in your own words; warning signs first.",
    epilog=_examples(
        "spasmguide ask 'my calf cramps at night'",
        "spasmguide ask 'lower back spasm after lifting'",
        "spasmguide ask 'jaw clenching' --format json",
    ),
)
def ask(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Say what is wrong, in your own words.")
    ],
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Ask in your own words: which region and cause, warning signs first, then techniques.

    The guide says which region and cause it understood and which words matched, puts any
    warning sign your words mention at the top, then shows that page's first part. When the
    text can be read several ways, it lists the likeliest readings with their commands.
    """
    from spasmguide.kb.ask import understand

    text = " ".join(words).strip()
    if not text:
        raise UsageError("say what is wrong, e.g. spasmguide ask 'my calf cramps at night'")
    guide = _guide(kb_paths)
    _show(pages.ask_page(guide.kb, understand(guide.kb, text)), output, pager=pager)


@app.command(
    epilog=_examples(
        "spasmguide technique cupping", "spasmguide technique 'dry needling' --format json"
    )
)
def technique(
    name: Annotated[
        str,
        _name_argument(
            "techniques", "A technique's name or alias, e.g. cupping, tuina, dry needling."
        ),
    ],
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show one technique in full.

    How it works, its benefits, cautions and contraindications, the evidence, and the
    regions and causes it is suggested for.
    """
    kb = _guide(kb_paths).kb
    _show(pages.technique_page(kb, names.resolve_technique(kb, name)), output, pager=pager)


@app.command(
    short_help="One acupoint: where it is, its uses and cautions.",
    epilog=_examples(
        "spasmguide acupoint GB20",
        "spasmguide acupoint LIV3",
        "spasmguide acupoint 'wind pool'",
        "spasmguide acupoint luozhen",
    ),
)
def acupoint(
    name: Annotated[
        str,
        _name_argument(
            "acupoints",
            "A point's code in any system (GB20, LIV3, SJ5, Du14), pinyin with or without tones,"
            " characters or English name.",
        ),
    ],
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show one acupoint: where it is, its needling and cautions.

    Its names (characters, pinyin, every code system), categories and uses come too. Codes are
    WHO standard codes (the older ones are shown too); locations are described in
    plain words, distances in cun.
    """
    kb = _guide(kb_paths).kb
    _show(pages.acupoint_page(kb, names.resolve_acupoint(kb, name)), output, pager=pager)


@app.command(
    "list",
    short_help="List the regions, techniques, causes or acupoints.",
    epilog=_examples(
        "spasmguide list regions",
        "spasmguide list techniques --format json",
        "spasmguide list acupoints --meridian GB --category he-sea",
        "spasmguide list acupoints --region neck",
    ),
)
def list_entries(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[KIND]",
            help=f"{', '.join(LISTED_KINDS)}.",
            show_default=False,
            autocompletion=_complete_from(LISTED_KINDS),
        ),
    ] = None,
    meridian: Annotated[
        str | None,
        typer.Option(
            metavar="MERIDIAN",
            help="Acupoints on one meridian, by any code or name: GB, LIV, SJ, Du, EX.",
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            metavar="CATEGORY",
            help="Acupoints in one category: he-sea, back-shu, confluent, command ...",
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(metavar="REGION", help="Acupoints a teacher would use for one region."),
    ] = None,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """List the regions, techniques, causes or acupoints the guide covers.

    Acupoints are grouped by meridian in point order; --meridian, --category and --region
    filter them.
    """
    kb = _guide(kb_paths).kb
    if kind is None:
        _show(pages.kinds_page(kb, LISTED_KINDS), output, pager=pager)
        return
    chosen = _one_of(LISTED_ALIASES.get(kind.lower(), kind), LISTED_KINDS, "the kind to list")
    filters = {"meridian": meridian, "category": category, "region": region}
    given = {name: value for name, value in filters.items() if value is not None}
    if given and chosen != "acupoints":
        raise UsageError(
            "--meridian, --category and --region filter acupoints only",
            try_instead=(
                "list",
                "acupoints",
                *(f"--{name}={value}" for name, value in given.items()),
            ),
        )
    points = None
    if given:
        points = pages.sorted_points(names.points_matching(kb, meridian, category, region))
    label = ", ".join(f"{name} {value}" for name, value in given.items()) or None
    _show(pages.list_page(kb, chosen, points, label), output, pager=pager)


@app.command(
    epilog=_examples("spasmguide search spasms", "spasmguide search 'scraping neck' --format json")
)
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS...",
            help="Words to search for; word forms match (scrape finds scraping).",
        ),
    ],
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, max=100, metavar="N", help="Show at most this many results."
        ),
    ] = 20,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Search the whole guide.

    Shows the best matches, what each is, where it matched and the command that opens it.
    Word forms match: scrape finds scraping, spasm finds spasms.
    """
    from spasmguide.kb.search import query_stems
    from spasmguide.kb.search import search as run_search

    query = " ".join(words)
    query_stems(query)  # a query with no words is a usage error before any loading
    guide = _guide(kb_paths)
    results = run_search(guide.kb, query, limit=limit, postings=guide.postings())
    _show(pages.search_page(guide.kb, results), output, pager=pager)


@app.command(
    "red-flags",
    epilog=_examples("spasmguide red-flags", "spasmguide red-flags --region 'low back'"),
)
def red_flags(
    region: Annotated[
        str | None,
        _region_option("Only the signs for this region."),
    ] = None,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show warning signs that need medical care.

    These signs call for a doctor or emergency care rather than a therapy session.
    """
    kb = _guide(kb_paths).kb
    found = names.resolve_region(kb, region) if region is not None else None
    _show(pages.red_flags_page(kb, found), output, pager=pager)


@app.command(
    epilog=_examples(
        "spasmguide evidence",
        "spasmguide evidence cupping",
        "spasmguide evidence --format markdown",
    )
)
def evidence(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="Only the evidence on this technique, region or cause, e.g. cupping, neck.",
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show the evidence and how certain it is.

    What research has found, with an honest certainty label, beside the source article's
    own claims: all of it, or what bears on one technique, region or cause.
    """
    kb = _guide(kb_paths).kb
    subject = None
    if name is not None:
        found = names.resolve_first(kb, name, ("techniques", "regions", "causes"))
        assert isinstance(found, Technique | Region | Cause)
        subject = found
    _show(pages.evidence_page(kb, subject), output, pager=pager)


@app.command(epilog=_examples("spasmguide about"))
def about(
    output: FormatOption = OutputFormat.text, pager: PagerOption = True, kb_paths: KbOption = None
) -> None:
    """Show why spasms happen and who an L.Ac is.

    The overview: why spasms happen, the spasm-ischemia cycle, how the therapies are
    said to help, and who a Licensed Acupuncturist (L.Ac) is.
    """
    _show(pages.about_page(_guide(kb_paths).kb), output, pager=pager)


@app.command(
    "map",
    epilog=_examples(
        "spasmguide map",
        "spasmguide map --region neck",
        "spasmguide map --acupoint GB20",
        "spasmguide map --format markdown",
    ),
)
def body_map(
    region: Annotated[
        str | None,
        _region_option("Highlight this region, e.g. neck."),
    ] = None,
    acupoint: Annotated[
        str | None,
        typer.Option(
            metavar="CODE",
            help="Show where this acupoint is, by any code or name: GB20, LIV3, Hegu.",
        ),
    ] = None,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show where each region is on a front and back figure.

    Each region has a number on the figure and in the legend; --region shades one and marks
    its number with stars. Regions the map has no place for are listed.
    """
    from spasmguide.pages.body_map import map_page

    kb = _guide(kb_paths).kb
    found = names.resolve_region(kb, region) if region is not None else None
    point = names.resolve_acupoint(kb, acupoint) if acupoint is not None else None
    _show(map_page(kb, found, point), output, pager=pager)


@app.command(
    short_help="Which knowledge-base files are in force, and why.",
    epilog=_examples("spasmguide paths", "spasmguide paths --kb my-notes/"),
)
def paths(
    output: FormatOption = OutputFormat.text, pager: PagerOption = True, kb_paths: KbOption = None
) -> None:
    """Show which knowledge-base files are in force and where each came from.

    The shipped files come first, then each SPASMGUIDE_KB path, then each --kb path; a
    later file's entries replace earlier ones with the same id.
    """
    guide = _guide(kb_paths)
    folders = [("cache", user_files.cache_dir()), ("quiz progress", user_files.data_dir())]
    page = pages.paths_page(guide.kb_or_shipped(), guide.file_reports(), folders)
    _show(page, output, pager=pager)


@app.command(epilog=_examples("spasmguide validate", "spasmguide validate my-notes/ extra.yaml"))
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PATH]...", help="YAML files or folders to check with the guide."),
    ] = None,
) -> None:
    """Check the knowledge base and the given files.

    Checks every file in force against the schema ('spasmguide schema') and the content rules
    (a region names an emergency warning group, suggestions and acupoints; a technique its
    contraindications; a lay word belongs to one entry). Exits 0 when everything is valid;
    otherwise lists every problem, one per line as file:line:column: message, and exits 1.
    """
    guide = _guide(files)
    try:
        kb = guide.checked()
    except InvalidContentError as error:
        if not error.details:  # refused before reading, e.g. too large in all
            raise
        for line in error.details:
            sys.stderr.write(f"{one_line(line, 2000)}\n")
        count = error.count
        raise InvalidContentError(f"{count:,} problem{'s' if count != 1 else ''} found") from None
    counts = ", ".join(
        f"{len(kb.collection(kind.collection))} {kind.plural}" for kind in KINDS if kind.counted
    )
    sys.stdout.write(f"valid: {guide.file_count()} files; {counts}\n")


@app.command(
    epilog=_examples("spasmguide schema > knowledge-base.schema.json", "spasmguide schema --fields")
)
def schema(
    fields: Annotated[
        bool, typer.Option("--fields", help="The field reference in Markdown instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of a knowledge-base file.

    It is generated from the model (JSON Schema draft 2020-12). Save it beside your YAML files
    and start each with '# yaml-language-server: $schema=knowledge-base.schema.json': an
    editor with a YAML language server then completes and checks them as you type. The
    content rules are checked by 'spasmguide validate'.
    """
    from spasmguide.kb.schema import field_reference, schema_text

    sys.stdout.write(field_reference() if fields else schema_text())


class ExportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    anki = "anki"


@app.command(
    epilog=_examples(
        "spasmguide quiz",
        "spasmguide quiz --count 5 --topic acupoints",
        "spasmguide quiz --region neck --meridian GB",
        "spasmguide quiz --seed 7 < answers.txt",
        "spasmguide quiz --stats",
    )
)
def quiz(
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, max=500, metavar="N", help="How many questions.")
    ] = 10,
    seed: Annotated[
        int | None,
        typer.Option("--seed", metavar="N", help="The same seed asks the same questions."),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            "-t",
            metavar="TOPIC",
            help=f"Only this topic: {', '.join(QUIZ_TOPICS)}.",
            autocompletion=_complete_from(QUIZ_TOPICS),
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", "-r", metavar="REGION", help="Only cards about this region."),
    ] = None,
    meridian: Annotated[
        str | None,
        typer.Option(
            "--meridian", "-m", metavar="MERIDIAN", help="Only points of this meridian (GB, Liver)."
        ),
    ] = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="Show cards seen, due and retention per topic instead.")
    ] = False,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Quiz yourself; cards you miss come back sooner.

    Questions come from the knowledge base. Answer with the option's number or its name,
    or type a code, name or pinyin; where a point is, type it in your own words, then grade
    yourself against the guide (1 again, 2 hard, 3 good, 4 easy). s skips, q ends the quiz,
    ? shows the keys; a missed or skipped card shows its answer, and the end lists them with
    when each comes back. --topic, --region and --meridian combine. Progress is saved after
    every answer and scheduled with FSRS (in the user data folder or SPASMGUIDE_DATA_DIR).
    Without a terminal, answers are read one per line and the quiz ends with 'Score: X/N'.
    """
    import time

    from spasmguide.study.progress import Progress, data_dir

    def say_note(message: str) -> None:
        sys.stderr.write(f"{PROGRAM}: note: {one_line(message, 500)}\n")

    from spasmguide.kb.names import meridians_named, resolve_region
    from spasmguide.study.card_index import askable_cards, select_cards

    guide = _guide(kb_paths)
    kb = guide.kb
    chosen_topic = _one_of(topic, QUIZ_TOPICS, "--topic") if topic else None
    chosen_region = resolve_region(kb, region).id if region is not None else None
    chosen_meridian = meridians_named(kb, meridian) if meridian is not None else None
    source = None
    if stats:  # counted from the list of cards the guide can ask, building none
        everything = askable_cards(guide)
    else:  # only the cards asked are built
        from spasmguide.study.cards import CardSource

        source = CardSource(kb)
        everything = source.candidates
    candidates = select_cards(
        everything, topic=chosen_topic, region=chosen_region, meridian=chosen_meridian
    )
    if not candidates and not stats:
        asked = " and ".join(
            f"{name} {value}"
            for name, value in (
                ("topic", chosen_topic),
                ("region", chosen_region),
                ("meridian", chosen_meridian),
            )
            if value
        )
        raise NotFoundError(f"no quiz cards for {asked or 'this guide'}")
    progress = Progress.open(data_dir(), for_stats=stats)
    first_note = progress.take_note()
    if first_note:
        say_note(first_note)
    try:
        if stats:
            cards = [(card.card, card.topic) for card in candidates]
            where = str(progress.path) if progress.path else "memory only (not saved)"
            now = time.time()
            page = pages.quiz_stats_page(
                kb,
                progress.topic_stats(cards, now),
                where,
                progress.next_due((card for card, _ in cards), now),
                now,
            )
            _show(page, output, pager=pager)
            return
        from spasmguide.study.session import run_quiz

        interactive = sys.stdin is not None and sys.stdin.isatty()
        result = run_quiz(
            kb,
            progress,
            count=count,
            seed=seed,
            topic=chosen_topic,
            region=chosen_region,
            meridian=chosen_meridian,
            source=source,
            read_answer=_answer_reader(),
            write=_line_writer(),
            now=time.time(),
            width=min(100, max(40, _terminal_width())),
            note=say_note,
            # Time says how well a student knew an answer only when they typed it.
            clock=time.monotonic if interactive else None,
            # From a pipe, an answer that is no option would come back forever (`yes |`).
            tries=None if interactive else 3,
        )
        if result.interrupted:
            raise SystemExit(130)  # Ctrl-C: the quiz has said that progress is saved
    except BrokenPipeError:
        # The reader went away (`| head`): every answer given is saved; end quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        progress.close()


@app.command(
    epilog=_examples(
        "spasmguide export --format html --output study-guide.html",
        "spasmguide export --format markdown > study-guide.md",
        "spasmguide export --format anki --output spasmguide.apkg",
    )
)
def export(
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False, metavar="FORMAT", help="markdown, html or anki."
        ),
    ] = ExportFormat.markdown,
    output_file: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here, not to standard output (-)."
        ),
    ] = None,
    kb_paths: KbOption = None,
) -> None:
    """Write the guide to study from: Markdown, HTML or an Anki deck.

    Every region, technique and cause, the acupoint table, the evidence with its certainty,
    the warning signs and the notice, with a table of contents. HTML is one self-contained
    file with a print stylesheet and a body map. Anki writes every quiz card to an .apkg
    file (--output is required); importing a newer export updates the cards.
    """
    from spasmguide.cli.output import STANDARD_OUTPUT, write_output

    if export_format is ExportFormat.anki and output_file in (None, STANDARD_OUTPUT):
        raise UsageError("--format anki writes a binary .apkg file: give --output FILE")
    guide = _guide(kb_paths)
    document: str | bytes
    if export_format is ExportFormat.anki:
        import time

        from spasmguide.study.anki import anki_package

        document = anki_package(guide.kb, time.time())
    else:
        page = pages.study_guide_page(guide.kb)
        if export_format is ExportFormat.html:
            from spasmguide.render.html import render_html

            document = render_html(page)
        else:
            from spasmguide.render.markdown import render_markdown

            document = render_markdown(page)
    if output_file is None or output_file == STANDARD_OUTPUT:
        assert isinstance(document, str)
        sys.stdout.write(document)
        return
    from spasmguide.study.progress import progress_file

    kept = [*guide.input_files(), *progress_file()]
    write_output(output_file, document, kept)
    sys.stderr.write(f"{PROGRAM}: wrote {one_line(output_file, 200)}\n")


def _answer_reader() -> Callable[[str], str | None]:
    """Reads one answer: with Rich's prompt in a terminal, else one line of standard input,
    at most 4 KiB of it, decoded whatever its bytes. None when input ends."""
    if sys.stdin is None:
        return lambda prompt: None
    if sys.stdin.isatty():
        from rich.console import Console
        from rich.prompt import Prompt
        from rich.text import Text

        console = Console(highlight=False, emoji=False)

        def ask(prompt: str) -> str | None:
            try:
                return Prompt.ask(Text(prompt.rstrip().removesuffix(":")), console=console)
            except EOFError:
                return None

        return ask
    # An answer is a number or a name: a longer line is cut to `limit` bytes. A line longer
    # than `line_limit` (`quiz < /dev/zero`) ends the input, so memory stays small.
    limit, line_limit = 4096, 1 << 20
    stream = getattr(sys.stdin, "buffer", None)

    def read_line(prompt: str) -> str | None:
        if stream is None:  # a text stream without bytes beneath
            text = sys.stdin.readline(limit)
            return text.rstrip("\r\n") if text else None
        line: bytes = stream.readline(limit)
        if not line:
            return None
        if not line.endswith(b"\n"):
            skipped = 0
            while not (chunk := stream.readline(limit)).endswith(b"\n") and chunk:
                skipped += len(chunk)
                if skipped > line_limit:
                    return None
        return line.decode("utf-8", "replace").rstrip("\r\n")

    return read_line


@app.command("help", epilog=_examples("spasmguide help lookup", "spasmguide help"))
def help_command(
    context: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMMAND]",
            help="The command to explain.",
            autocompletion=lambda incomplete: [
                name for name in _command_names() if name.startswith(incomplete)
            ],
        ),
    ] = None,
) -> None:
    """Show the help of a command, or of spasmguide."""
    root = typer.main.get_command(app)
    with root.make_context(PROGRAM, [], resilient_parsing=True) as root_context:
        if command is None:
            sys.stdout.write(root.get_help(root_context) + "\n")
            return
        found = root.get_command(root_context, command)  # type: ignore[attr-defined]
        if found is None:
            known = ", ".join(root.list_commands(root_context))  # type: ignore[attr-defined]
            raise UsageError(f"no command named '{one_line(command, 40)}' (commands: {known})")
        with found.make_context(command, [], parent=root_context, resilient_parsing=True) as ctx:
            sys.stdout.write(found.get_help(ctx) + "\n")


def _command_names() -> list[str]:
    return [_command_name(info) for info in app.registered_commands]


def _line_writer() -> Callable[[str], None]:
    def write(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    return write


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _guide(kb_paths: Sequence[str] | None) -> GuideInForce:
    return GuideInForce(kb_paths or ())


def _show(page: Page, output: OutputFormat, *, pager: bool = False) -> None:
    from spasmguide.cli.terminal import show_page

    paged = False
    if output is OutputFormat.json:
        from spasmguide.render.json import render_json

        document = render_json(page)
    elif output is OutputFormat.markdown:
        from spasmguide.render.markdown import render_markdown

        document = render_markdown(page)
    else:
        from rich.console import Console

        from spasmguide.cli.pager import should_page
        from spasmguide.render.text import render_text, usable_width

        width = usable_width(_terminal_width())
        console = Console(width=width, highlight=False, markup=False, emoji=False)
        with console.capture() as captured:  # exactly what Rich would have written
            render_text(page, console)
        document = captured.get()
        paged = should_page(document, wanted=pager, height=console.height)
    show_page(document, paged=paged)


def main(invoked: invocation.Invocation | Sequence[str] | None = None) -> int:
    """Runs the command line on an invocation or arguments (default: the process's) and
    returns the exit code."""
    if not isinstance(invoked, invocation.Invocation):
        invoked = invocation.read(list(sys.argv[1:] if invoked is None else invoked))
    command = typer.main.get_command(_app_for(invoked))
    code: int = command.main(args=list(invoked.arguments), prog_name=PROGRAM, standalone_mode=False)
    return code


def _app_for(invoked: invocation.Invocation) -> typer.Typer:
    """The app with only the command the run names registered, when it names one.

    Typer turns every registered command into a click command before parsing anything; a run
    needs only one, and building the other ten costs about 5 ms of a 100 ms start-up. Help,
    version and unknown commands get the whole app, so listings and suggestions are complete.
    """
    if not invoked.shows_page:  # help, a version or no command: the whole app answers
        return app
    chosen = [info for info in app.registered_commands if _command_name(info) == invoked.command]
    if not chosen:
        return app
    lean = typer.Typer(**_APP_SETTINGS)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = chosen
    return lean


def _command_name(info: typer.models.CommandInfo) -> str:
    callback_name = info.callback.__name__ if info.callback else ""
    return info.name or typer.main.get_command_name(callback_name)
