"""Every command, every entry, every format, the notice and every error path, in-process."""

from __future__ import annotations

import json
import re

import pytest

from spasmguide import __version__
from spasmguide.kb.loader import load_knowledge_base
from tests.conftest import COMMANDS, NOTICE_WORDS, invoke

KB = load_knowledge_base()
FORMATS = ["text", "json", "markdown"]

# One page of each kind: the notice is a required field of every page (decision 003) and every
# renderer prints it whatever the entry, so one entry per kind proves it for all of them.
PAGES = [
    ("lookup", "--region", next(iter(KB.regions))),
    ("lookup", "--region", next(iter(KB.regions)), "--full"),
    ("lookup", "--cause", next(iter(KB.causes))),
    ("lookup", "--region", "neck", "--cause", "stress"),
    ("technique", next(iter(KB.techniques))),
    ("acupoint", next(iter(KB.acupoints))),
    ("list", "regions"),
    ("list",),
    ("search", "spasm"),
    ("search", "nothingmatchesthis"),
    ("red-flags",),
    ("red-flags", "--region", "low-back"),
    ("evidence",),
    ("about",),
    ("paths",),
    ("quiz", "--stats"),
    ("ask", "my calf cramps at night"),
    ("ask", "cramp"),
    ("map",),
    ("map", "--region", "jaw"),
]


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("region", list(KB.regions))
def test_every_regions_warning_signs_show_in_every_format(region: str, output: str) -> None:
    page = invoke("lookup", "--region", region, "--format", output).stdout
    if output == "json":
        shown = {flag["title"] for flag in json.loads(page)["region"]["red_flags"]}
        flat = "\n".join(shown)
    else:
        flat = " ".join(page.split()).replace("\\", "")
    for flag_id in KB.regions[region].red_flags:
        assert KB.red_flags[flag_id].title in flat, (region, flag_id)


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("args", PAGES, ids=lambda args: " ".join(args))
def test_every_page_in_every_format_carries_the_notice(args: tuple[str, ...], output: str) -> None:
    outcome = invoke(*args, "--format", output)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    flat = " ".join(outcome.stdout.split())
    assert NOTICE_WORDS in flat
    if output == "json":
        document = json.loads(outcome.stdout)
        assert NOTICE_WORDS in document["notice"]
        assert document["spasmguide_version"] == __version__
    if output == "markdown":
        assert outcome.stdout.startswith("# ")
        assert "\n## " in outcome.stdout


def test_region_page_lists_ranked_techniques_with_reasons() -> None:
    document = json.loads(invoke("lookup", "--region", "neck", "--format", "json").stdout)
    region = document["region"]
    assert region["id"] == "neck"
    techniques = region["techniques"]
    ranks = [item["rank"] for item in techniques]
    assert ranks == sorted(ranks) and ranks[0] == 1  # ties share a number (decision 014)
    assert techniques[0]["id"] == "exercise"
    assert all(item["reasons"][0]["reason"] for item in techniques)
    assert all(item["basis"]["certainty"] and item["basis"]["invasiveness"] for item in techniques)
    assert {point["code"] for point in region["acupoints"]} >= {"GB20", "BL10", "SI3"}
    assert region["red_flags"] and region["self_care"] and region["sources"]


# Text pages and what each must show: every heading of its parts (the region page also its
# emergency warning sign, cauda equina).
TEXT_PAGE_PARTS = [
    (
        ("lookup", "--region", "low back", "--full"),
        (
            "About",
            "Muscles involved",
            "Common causes",
            "Suggested techniques",
            "Common acupoints",
            "Self-care",
            "Warning signs: get medical care first",
            "Evidence",
            "Sources",
            "Notice",
            "cauda equina",
        ),
    ),
    (
        ("lookup", "--cause", "dehydration", "--full"),
        ("How it leads to spasm", "Regions often affected", "Suggested techniques", "Prevention"),
    ),
    (
        ("technique", "cupping"),
        (
            "How it works",
            "Benefits",
            "Often used for",
            "What a session involves",
            "Cautions",
            "Suggested for",
            "Evidence",
            "Related techniques",
            "Sources",
        ),
    ),
]


@pytest.mark.parametrize(
    ("command", "parts"), TEXT_PAGE_PARTS, ids=[" ".join(command) for command, _ in TEXT_PAGE_PARTS]
)
def test_text_pages_show_every_part(command: tuple[str, ...], parts: tuple[str, ...]) -> None:
    page = invoke(*command).stdout
    assert [part for part in parts if part not in page] == []


def test_combined_lookup_gives_each_reason_its_own_line() -> None:
    document = json.loads(
        invoke("lookup", "--region", "neck", "--cause", "posture", "--format", "json").stdout
    )
    ranked = document["techniques"]
    both = [item for item in ranked if len(item["reasons"]) == 2]
    assert both, "neck and posture share techniques"
    assert {reason["for"] for reason in both[0]["reasons"]} == {
        "Neck",
        "Poor posture or ergonomics",
    }
    assert document["region"]["id"] == "neck" and document["cause"]["id"] == "posture"


def test_technique_page_shows_cautions_safety_evidence_and_where_suggested() -> None:
    document = json.loads(invoke("technique", "cupping", "--format", "json").stdout)
    technique = document["technique"]
    assert technique["id"] == "cupping" and technique["category"] == "manual therapy"
    assert technique["cautions"] and technique["contraindications"] and technique["safety"]
    assert {entry["id"] for entry in technique["suggested_for"]} >= {"neck", "upper-back-shoulders"}
    assert technique["evidence"][0]["certainty"] == "very low to moderate"


# The command that opens an entry of each kind by its name.
OPENED_BY = {
    "region": ("lookup", "--region"),
    "technique": ("technique",),
    "cause": ("lookup", "--cause"),
}
# Names as people type them, and the entry each must open, by kind.
NAMES_AS_TYPED = {
    "region": {
        "lower back": "low-back",
        "Lower-Back": "low-back",
        "LUMBAR": "low-back",
        "low_back": "low-back",
        "ITB": "it-band",
        "iliotibial band": "it-band",
        "IT band": "it-band",
        "it-band": "it-band",
        "upper back & shoulders": "upper-back-shoulders",
        "shoulders": "upper-back-shoulders",
        "sciatica": "low-back",
        "calves": "calf",
        "Hamstrings": "hamstring",
        "stiff neck": "neck",
    },
    "technique": {
        "dry needling": "trigger-point-acupuncture",
        "Dry-Needling": "trigger-point-acupuncture",
        "tuina": "tui-na",
        "Tui Na": "tui-na",
        "guasha": "gua-sha",
        "Gua Sha": "gua-sha",
        "electroacupuncture": "electro-acupuncture",
        "electro acupuncture": "electro-acupuncture",
        "CUPPING": "cupping",
        "Tung style": "distal-needling",
        "Tan": "distal-needling",
        "stretching": "stretching-mobility",
        "MFR": "myofascial-release",
        "finger pressure": "shiatsu",
        "acupuncture": "traditional-acupuncture",
    },
    "cause": {
        "Stress": "stress",
        "bad posture": "posture",
        "sprain": "acute-injury",
        "electrolytes": "dehydration",
    },
}


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        (kind, typed, expected)
        for kind, names in NAMES_AS_TYPED.items()
        for typed, expected in names.items()
    ],
)
def test_names_and_aliases_are_matched_the_way_people_type_them(
    kind: str, typed: str, expected: str
) -> None:
    document = json.loads(invoke(*OPENED_BY[kind], typed, "--format", "json").stdout)
    assert document[kind]["id"] == expected


def test_unknown_technique_exits_1_with_a_suggestion_and_the_valid_names() -> None:
    outcome = invoke("technique", "cuping")
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1
    assert "Did you mean 'cupping'?" in lines[0]
    assert "gua-sha" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "--region", "elbow"),
        ("lookup", "--cause", "boredom"),
        ("red-flags", "--region", "nose"),
    ],
)
def test_unknown_region_or_cause_exits_1_in_one_line(args: tuple[str, ...]) -> None:
    outcome = invoke(*args)
    assert outcome.exit_code == 1
    assert len(outcome.stderr.splitlines()) == 1
    assert outcome.stderr.startswith("spasmguide: error: no ")
    assert "Traceback" not in outcome.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("lookup",),
        ("lookup", "--region", "neck", "--format", "xml"),
        ("list", "muscles"),
        ("lokup", "--region", "neck"),
        ("technique",),
        ("lookup", "--bogus"),
        ("search",),
        ("search", "***"),
        ("search", "spasm", "--limit", "0"),
    ],
)
def test_usage_errors_exit_2_in_one_line(args: tuple[str, ...]) -> None:
    outcome = invoke(*args)
    assert outcome.exit_code == 2, outcome
    assert len(outcome.stderr.splitlines()) == 1, outcome.stderr
    assert outcome.stderr.startswith("spasmguide: error: ")
    assert outcome.stdout == ""


def test_search_matches_word_forms_and_says_where() -> None:
    document = json.loads(invoke("search", "scrape", "--format", "json").stdout)
    assert document["results"][0]["id"] == "gua-sha"
    assert document["results"][0]["kind"] == "technique"
    assert document["results"][0]["field"]
    assert "scrap" in document["results"][0]["snippet"].casefold()
    spasms = {
        hit["id"]
        for hit in json.loads(invoke("search", "spasms", "--format", "json").stdout)["results"]
    }
    spasm = {
        hit["id"]
        for hit in json.loads(invoke("search", "spasm", "--format", "json").stdout)["results"]
    }
    assert spasms == spasm and spasms


def test_search_text_shows_kind_field_and_command() -> None:
    page = invoke("search", "pneumothorax").stdout
    assert "(acupoint)" in page and "matched in" in page and "spasmguide acupoint gb21" in page


def test_red_flags_command_lists_every_group() -> None:
    document = json.loads(invoke("red-flags", "--format", "json").stdout)
    assert {flag["id"] for flag in document["red_flags"]} == set(KB.red_flags)
    page = invoke("red-flags").stdout
    assert "emergency" in page and "cauda equina" in page.lower()


def test_evidence_page_shows_article_claims_beside_findings() -> None:
    page = " ".join(invoke("evidence").stdout.split())
    assert "not found as cited" in page
    assert "The source article says" in page and "What was found" in page


def test_about_page_explains_the_spasm_ischemia_cycle_and_licensing() -> None:
    page = " ".join(invoke("about").stdout.split())
    assert "spasm-ischemia cycle" in page and "NCCAOM" in page


def test_version_and_bare_command() -> None:
    assert invoke("--version").stdout.strip() == f"spasmguide {__version__}"
    bare = invoke()
    assert bare.exit_code == 0 and "lookup" in bare.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command: str) -> None:
    outcome = invoke(command, "--help")
    assert outcome.exit_code == 0
    assert "Example" in outcome.stdout and "spasmguide " in outcome.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("technique", "cupping", "--format", "json"),
        ("lookup", "--region", "neck", "--format", "markdown"),
        ("search", "spasm", "--format", "json"),
        ("technique", "--help"),
        ("technique", "cuping"),
        ("lookup", "--format", "xml", "--region", "neck"),
        ("--help",),
        ("lokup",),
    ],
)
def test_the_entry_point_answers_as_the_full_app_does(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    from spasmguide.cli.app import main

    expected = invoke(*args)
    code = main(list(args))
    captured = capsys.readouterr()

    # Help is wrapped to the terminal, whose width the test runner fixes differently.
    def flat(text: str) -> str:
        return " ".join(re.sub(r"-\s*\n\s*", "-", text).split())

    assert code == expected.exit_code
    assert flat(captured.out) == flat(expected.stdout)
    assert flat(captured.err) == flat(expected.stderr)
