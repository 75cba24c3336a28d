"""The `spasmguide` command line: parses arguments, asks the library for a page, renders it.

Every error a user can cause ends here as one line on stderr and exit code 1 (not found,
invalid content) or 2 (usage). Rich and the knowledge base are imported only by the commands
that need them, to keep start-up fast.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from spasmguide import __version__, names, pages, user_files
from spasmguide.errors import GuideError, InvalidContentError, UsageError
from spasmguide.guide_in_force import GuideInForce
from spasmguide.model import KINDS
from spasmguide.safe_text import one_line

if TYPE_CHECKING:
    from spasmguide.document import Page

PROGRAM = "spasmguide"


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
            _refuse_repeated_options(self, list(sys.argv[1:] if args is None else args))
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except GuideError as error:
            return _fail(error.message, error.exit_code)
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


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started with it closed (`>&-`): every write fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _refuse_repeated_options(group: TyperGroup, arguments: list[str]) -> None:
    """A usage error when an option that takes one value is given twice (`-r neck -r back`):
    click would silently keep the last."""
    name = next((argument for argument in arguments if not argument.startswith("-")), None)
    command = group.commands.get(name or "")
    if command is None:
        return
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
    rest = iter(arguments[arguments.index(name or "") + 1 :])
    for argument in rest:
        if argument == "--":
            break
        spelling = argument.split("=", 1)[0] if argument.startswith("--") else argument[:2]
        option = single.get(spelling)
        if option is None:
            continue
        if option in seen:
            raise UsageError(f"{option} was given more than once")
        seen.add(option)
        if argument == spelling:
            next(rest, None)  # its value


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
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "help": "An offline guide from muscle-spasm symptoms to acupuncture and manual-therapy "
    "techniques.\n\nIt informs; it never diagnoses. See a Licensed Acupuncturist (L.Ac) "
    "before trying any technique.",
    "epilog": _examples(
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
        "--format", "-f", case_sensitive=False, help="Output format: text, json or markdown."
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
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
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


def _one_of(value: str, choices: Sequence[str], what: str) -> str:
    """`value` as one of `choices` (any case), or a usage error that lists them."""
    if value.lower() in choices:
        return value.lower()
    raise UsageError(f"{what} must be one of {', '.join(choices)}, not '{one_line(value, 40)}'")


@app.command(
    epilog=_examples(
        "spasmguide lookup --region neck",
        "spasmguide lookup --cause stress",
        "spasmguide lookup --region 'lower back' --cause posture --format markdown",
    )
)
def lookup(
    region: Annotated[
        str | None,
        typer.Option("--region", "-r", help="A body region, e.g. neck, lower back, ITB."),
    ] = None,
    cause: Annotated[
        str | None, typer.Option("--cause", "-c", help="A cause, e.g. stress, posture, overuse.")
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
    if region is None and cause is None:
        raise UsageError("give --region, --cause or both (see 'spasmguide list regions')")
    kb = _guide(kb_paths).kb
    found_region = names.resolve_region(kb, region) if region is not None else None
    found_cause = names.resolve_cause(kb, cause) if cause is not None else None
    # JSON and Markdown always carry everything; a text page is short unless --full.
    full = full or output is not OutputFormat.text
    _show(pages.lookup_page(kb, found_region, found_cause, full=full), output, pager=pager)


@app.command(
    epilog=_examples(
        "spasmguide technique cupping", "spasmguide technique 'dry needling' --format json"
    )
)
def technique(
    name: Annotated[
        str, typer.Argument(help="A technique's name or alias, e.g. cupping, tuina, dry needling.")
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
    epilog=_examples(
        "spasmguide acupoint GB20", "spasmguide acupoint 'wind pool'", "spasmguide acupoint luozhen"
    )
)
def acupoint(
    name: Annotated[
        str, typer.Argument(help="A point's code, pinyin or English name, e.g. GB20, Hegu.")
    ],
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Show one acupoint: where it is, what it is used for, its cautions.

    Codes are WHO standard codes; locations are described in plain words.
    """
    kb = _guide(kb_paths).kb
    _show(pages.acupoint_page(kb, names.resolve_acupoint(kb, name)), output, pager=pager)


LISTED_KINDS = tuple(kind.collection for kind in KINDS if kind.listed)


@app.command(
    "list",
    epilog=_examples("spasmguide list regions", "spasmguide list techniques --format json"),
)
def list_entries(
    kind: Annotated[
        str,
        typer.Argument(metavar="KIND", help=f"{', '.join(LISTED_KINDS)}.", show_default=False),
    ],
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """List the regions, techniques, causes or acupoints the guide covers."""
    chosen = _one_of(kind, LISTED_KINDS, "the kind to list")
    _show(pages.list_page(_guide(kb_paths).kb, chosen), output, pager=pager)


@app.command(
    epilog=_examples("spasmguide search spasms", "spasmguide search 'scraping neck' --format json")
)
def search(
    words: Annotated[
        list[str],
        typer.Argument(help="Words to search for; word forms match (scrape finds scraping)."),
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=100, help="Show at most this many results.")
    ] = 20,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Search the whole guide.

    Shows the best matches, what each is, where it matched and the command that opens it.
    Word forms match: scrape finds scraping, spasm finds spasms.
    """
    from spasmguide.search import query_stems
    from spasmguide.search import search as run_search

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
        str | None, typer.Option("--region", "-r", help="Only the signs for this region.")
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


@app.command(epilog=_examples("spasmguide evidence --format markdown"))
def evidence(
    output: FormatOption = OutputFormat.text, pager: PagerOption = True, kb_paths: KbOption = None
) -> None:
    """Show the evidence and how certain it is.

    What research has found, with an honest certainty label, beside the source article's
    own claims.
    """
    _show(pages.evidence_page(_guide(kb_paths).kb), output, pager=pager)


@app.command(epilog=_examples("spasmguide about"))
def about(
    output: FormatOption = OutputFormat.text, pager: PagerOption = True, kb_paths: KbOption = None
) -> None:
    """Show why spasms happen and who an L.Ac is.

    The overview: why spasms happen, the spasm-ischemia cycle, how the therapies are
    said to help, and who a Licensed Acupuncturist (L.Ac) is.
    """
    _show(pages.about_page(_guide(kb_paths).kb), output, pager=pager)


@app.command(epilog=_examples("spasmguide paths", "spasmguide paths --kb my-notes/"))
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

    Exits 0 when everything is valid; otherwise lists every problem, one per line as
    file:line:column: message, and exits 1.
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


QUIZ_TOPICS = tuple(kind.collection for kind in KINDS if kind.quizzed)


class ExportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command(
    epilog=_examples(
        "spasmguide quiz",
        "spasmguide quiz --count 5 --topic acupoints",
        "spasmguide quiz --seed 7 < answers.txt",
        "spasmguide quiz --stats",
    )
)
def quiz(
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, max=500, help="How many questions.")
    ] = 10,
    seed: Annotated[
        int | None, typer.Option("--seed", help="The same seed asks the same questions.")
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", "-t", help=f"Only this topic: {', '.join(QUIZ_TOPICS)}."),
    ] = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="Show cards seen, due and mastered instead.")
    ] = False,
    output: FormatOption = OutputFormat.text,
    pager: PagerOption = True,
    kb_paths: KbOption = None,
) -> None:
    """Quiz yourself; cards you miss come back sooner.

    Questions come from the knowledge base. Answer with the option's number or its name.
    Progress is saved after every answer (Leitner boxes, in the user data folder or
    SPASMGUIDE_DATA_DIR). Without a terminal, answers are read one per line and the quiz
    ends with 'Score: X/N'.
    """
    import time

    from spasmguide.progress import Progress, data_dir

    kb = _guide(kb_paths).kb
    progress = Progress.open(data_dir())
    if progress.note:
        sys.stderr.write(f"{PROGRAM}: note: {one_line(progress.note, 500)}\n")
    try:
        if stats:
            from spasmguide.quiz import cards_of

            cards = [(card.card, card.topic) for card in cards_of(kb)]
            where = str(progress.path) if progress.path else "memory only (not saved)"
            _show(pages.quiz_stats_page(kb, progress.topic_stats(cards), where), output)
            return
        from spasmguide.quiz_session import run_quiz

        run_quiz(
            kb,
            progress,
            count=count,
            seed=seed,
            topic=_one_of(topic, QUIZ_TOPICS, "--topic") if topic else None,
            read_answer=_answer_reader(),
            write=_line_writer(),
            now=time.time(),
            width=min(100, max(40, _terminal_width())),
        )
    finally:
        progress.close()


@app.command(
    epilog=_examples(
        "spasmguide export --format html --output study-guide.html",
        "spasmguide export --format markdown > study-guide.md",
    )
)
def export(
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="markdown or html.")
    ] = ExportFormat.markdown,
    output_file: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here, not to standard output (-)."
        ),
    ] = None,
    kb_paths: KbOption = None,
) -> None:
    """Write the whole guide as a printable study guide.

    Every region, technique and cause, the acupoint table, the evidence with its certainty,
    the warning signs and the notice, with a table of contents. HTML is one self-contained
    file with a print stylesheet.
    """
    guide = _guide(kb_paths)
    page = pages.study_guide_page(guide.kb)
    if export_format is ExportFormat.html:
        from spasmguide.render_html import render_html

        document = render_html(page)
    else:
        from spasmguide.render_markdown import render_markdown

        document = render_markdown(page)
    if output_file is None or output_file == "-":
        sys.stdout.write(document)
        return
    from spasmguide.output_file import write_output

    write_output(output_file, document, guide.input_files())
    sys.stderr.write(f"{PROGRAM}: wrote {one_line(output_file, 200)}\n")


def _answer_reader() -> Callable[[str], str | None]:
    interactive = sys.stdin is not None and sys.stdin.isatty()

    def read(prompt: str) -> str | None:
        if interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = sys.stdin.readline() if sys.stdin is not None else ""
        return line.rstrip("\r\n") if line else None

    return read


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
    if output is OutputFormat.json:
        from spasmguide.render_json import render_json

        sys.stdout.write(render_json(page))
    elif output is OutputFormat.markdown:
        from spasmguide.render_markdown import render_markdown

        sys.stdout.write(render_markdown(page))
    else:
        from rich.console import Console

        from spasmguide.pager import page_through, should_page
        from spasmguide.render_text import render_text, usable_width

        width = usable_width(_terminal_width())
        console = Console(width=width, highlight=False, markup=False, emoji=False)
        with console.capture() as capture:
            render_text(page, console)
        text = capture.get()
        if not (should_page(text, wanted=pager, height=console.height) and page_through(text)):
            sys.stdout.write(text)


def main(args: Sequence[str] | None = None) -> int:
    """Runs the command line on `args` (default: the process's) and returns the exit code."""
    arguments = list(sys.argv[1:] if args is None else args)
    command = typer.main.get_command(_app_for(arguments))
    code: int = command.main(args=arguments, prog_name=PROGRAM, standalone_mode=False)
    return code


def _app_for(arguments: Sequence[str]) -> typer.Typer:
    """The app with only the command `arguments` name registered, when they name one.

    Typer turns every registered command into a click command before parsing anything; a run
    needs only one, and building the other ten costs about 5 ms of a 100 ms start-up. Help,
    version and unknown commands get the whole app, so listings and suggestions are complete.
    """
    name = next((argument for argument in arguments if not argument.startswith("-")), None)
    if not arguments or arguments[0] != name:
        return app  # options before the command (`--help search`): the whole app answers
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if not chosen:
        return app
    lean = typer.Typer(**_APP_SETTINGS)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = chosen
    return lean


def _command_name(info: typer.models.CommandInfo) -> str:
    callback_name = info.callback.__name__ if info.callback else ""
    return info.name or typer.main.get_command_name(callback_name)


def run() -> None:
    """The console-script entry point."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    _tolerate_any_encoding()
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): send what is left nowhere, quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:  # a full disk or device: say so once, and drop what is left
        code = _fail(f"cannot write the output: {error.strerror}", 1)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)


def _tolerate_any_encoding() -> None:
    # On an ASCII or Latin-1 terminal, show what it cannot encode as escapes instead of failing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="backslashreplace")
