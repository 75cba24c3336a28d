"""`spasmguide ask`: a question in the person's own words, and names that meet people halfway."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NOTICE_WORDS, invoke


def _ask(text: str, *extra: str) -> dict[str, object]:
    outcome = invoke("ask", text, "--format", "json", *extra)
    assert outcome.exit_code == 0, outcome.stderr
    document: dict[str, object] = json.loads(outcome.stdout)
    return document


def _first_reading(text: str) -> tuple[str | None, str | None]:
    readings = _ask(text)["readings"]
    assert isinstance(readings, list) and readings, text
    first = readings[0]
    region = first["region"]["id"] if first["region"] else None
    cause = first["cause"]["id"] if first["cause"] else None
    return region, cause


@pytest.mark.parametrize(
    ("text", "region", "cause"),
    [
        ("my calf cramps at night", "calf", None),
        ("lower back spasm after lifting", "low-back", "acute-injury"),
        ("jaw clenching", "jaw", None),
        ("TMJ", "jaw", None),
        ("charley horse", "calf", None),
        ("crick in my neck from the desk", "neck", "posture"),
        ("slept wrong and can't turn my head", "neck", None),
        ("knot between my shoulder blades", "mid-back", None),
        ("runner's knee", "it-band", None),
        ("pain in my butt", "piriformis", None),
        ("pulled groin", "front-thigh", None),
        ("tension headache from stress", "head", "stress"),
        ("mouse arm", "forearm-hand", None),
    ],
)
def test_the_likeliest_reading(text: str, region: str | None, cause: str | None) -> None:
    found_region, found_cause = _first_reading(text)
    assert found_region == region
    if cause is not None:
        assert found_cause == cause


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my calf is swollen and hot after a long flight", "possible-dvt"),
        ("back pain and numb between my legs, trouble with my bladder", "cauda-equina"),
        ("dark urine after a marathon", "rhabdomyolysis"),
        ("leg pain and I am short of breath", "possible-pe"),
        ("hip pain after a fall", "hip-serious-cause"),
        ("thunderclap headache", "headache-emergency"),
        ("stiff neck with fever and a rash", "neck-emergency"),
        ("calf swollen after long flight and now short of breath", "possible-pe"),
        ("numbness in my groin and trouble peeing", "cauda-equina"),
        ("I cannot open my mouth after a wound", "possible-tetanus"),
    ],
)
def test_words_of_a_warning_sign_put_it_first(text: str, flag: str) -> None:
    document = _ask(text)
    warnings = document["warnings"]
    assert isinstance(warnings, list)
    assert flag in [warning["id"] for warning in warnings]
    page = invoke("ask", text).stdout
    assert page.index("Check these warning signs first") < page.index("Notice")
    assert page.index("Check these warning signs first") < (
        page.find("What the guide understood") % (len(page) + 1)
    )


def test_an_ambiguous_text_offers_the_likeliest_readings_with_their_commands() -> None:
    document = _ask("cramp")
    readings = document["readings"]
    assert isinstance(readings, list) and 2 <= len(readings) <= 3
    assert all(reading["command"].startswith("spasmguide lookup --") for reading in readings)
    text = invoke("ask", "cramp").stdout
    assert "spasmguide lookup --region calf" in text


def test_a_single_reading_shows_the_page_safety_first() -> None:
    page = invoke("ask", "my calf cramps at night").stdout
    places = [
        page.index(heading)
        for heading in ("What the guide understood", "Warning signs", "Self-care", "Suggested")
    ]
    assert places == sorted(places)
    assert "calf" in page.lower() and "Notice" in page


def test_a_warning_sign_stops_the_answer_before_any_technique() -> None:
    page = invoke("ask", "worst headache of my life came on suddenly").stdout
    assert "EMERGENCY" in page and "No techniques until a doctor has seen you" in page
    assert "Suggested techniques" not in page
    assert "spasmguide lookup --region head --full" in page


def test_words_the_guide_does_not_know_are_not_read_as_a_confident_answer() -> None:
    page = invoke("ask", "my eye twitches").stdout
    assert "Not understood" in page and "What the guide understood" not in page


def test_a_region_answers_to_its_plain_id() -> None:
    assert _first_reading("my jaw hurts")[0] == "jaw"
    assert _first_reading("my foot hurts")[0] == "foot"


def test_nothing_understood_says_so_and_how_to_ask() -> None:
    page = invoke("ask", "zzz qqq").stdout
    assert "could not tell" in page and "Notice" in page


@pytest.mark.parametrize("output", ["json", "markdown", "text"])
def test_every_format_carries_the_notice(output: str) -> None:
    outcome = invoke("ask", "tight hamstrings", "--format", output)
    assert outcome.exit_code == 0
    flat = " ".join(outcome.stdout.split()).replace("\\", "")
    assert NOTICE_WORDS in flat


def test_an_empty_question_is_a_usage_error() -> None:
    outcome = invoke("ask", "   ")
    assert outcome.exit_code == 2 and outcome.stderr.count("\n") == 1


def test_a_teachers_layer_adds_to_the_vocabulary(tmp_path: Path) -> None:
    layer = tmp_path / "words.yaml"
    shipped = invoke("lookup", "--region", "calf", "--format", "json").stdout
    assert json.loads(shipped)["region"]["id"] == "calf"
    text = Path(__file__).resolve().parent.parent / "data" / "regions.yaml"
    import yaml

    regions = yaml.safe_load(text.read_text())["regions"]
    calf = next(region for region in regions if region["id"] == "calf")
    calf["lay_terms"] = [*calf.get("lay_terms", []), "wadenkrampf"]
    layer.write_text(yaml.safe_dump({"regions": [calf]}, allow_unicode=True))
    assert invoke("validate", str(layer)).exit_code == 0
    outcome = invoke("ask", "wadenkrampf", "--kb", str(layer), "--format", "json")
    assert json.loads(outcome.stdout)["readings"][0]["region"]["id"] == "calf"
    assert invoke("lookup", "--region", "wadenkrampf", "--kb", str(layer)).exit_code == 0


# -- names that meet people halfway ------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "typed", "title"),
    [
        ("acupoint", "Hégǔ", "LI4 Hegu"),
        ("technique", "tuī ná", "Tui Na"),
        ("technique", "\uff23\uff35\uff30\uff30\uff29\uff2e\uff27", "Cupping"),  # fullwidth
        ("lookup", "sitting", "Poor posture"),
        ("lookup", "lifting", "Acute injury"),
    ],
)
def test_names_ignore_accents_and_accept_lay_words(command: str, typed: str, title: str) -> None:
    arguments = [command, typed] if command != "lookup" else [command, "--cause", typed]
    outcome = invoke(*arguments)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith(title)


def test_butt_reaches_the_buttock_in_lookup_and_search() -> None:
    assert invoke("lookup", "--region", "butt").stdout.startswith("Piriformis")
    results = json.loads(invoke("search", "butt", "--format", "json").stdout)["results"]
    assert results and results[0]["id"] == "piriformis"


def test_a_possessive_is_not_a_word_of_its_own() -> None:
    results = json.loads(invoke("search", "runner's", "--format", "json").stdout)["results"]
    assert results and results[0]["id"] == "it-band"
    assert all("Order" not in result["name"] for result in results)


@pytest.mark.parametrize(
    ("arguments", "suggested", "command"),
    [
        (["lookup", "--region", "knee"], "it-band", "spasmguide ask knee"),
        (["lookup", "--cause", "sittting"], "posture", "spasmguide ask sittting"),
        (["technique", "cuping"], "cupping", "spasmguide search cuping"),
    ],
)
def test_not_found_suggests_the_closest_name_and_a_command(
    arguments: list[str], suggested: str, command: str
) -> None:
    outcome = invoke(*arguments)
    assert outcome.exit_code == 1
    (line,) = outcome.stderr.splitlines()
    assert f"'{suggested}'" in line and command in line


def test_a_look_alike_cyrillic_name_clashes_like_its_latin_twin(tmp_path: Path) -> None:
    layer = tmp_path / "clash.yaml"
    layer.write_text(
        "techniques:\n"
        "  - id: fake-cupping\n"
        "    name: \u0421upping\n"  # a Cyrillic capital Es where the C should be
        "    category: manual therapy\n"
        "    invasiveness: touch\n"
        "    summary: Fake.\n"
        "    how_it_works: [Fake.]\n"
        "    benefits: [Fake.]\n"
        "    often_used_for: [Fake.]\n"
        "    session: Fake.\n"
        "    cautions: [Fake.]\n"
        "    sources: [article]\n"
    )
    outcome = invoke("validate", str(layer))
    assert outcome.exit_code == 1
    assert "answers to the name 'cupping'" in outcome.stderr


@pytest.mark.parametrize("arguments", [["lookup", "--region", ""], ["technique", "  "]])
def test_an_empty_name_is_a_usage_error(arguments: list[str]) -> None:
    outcome = invoke(*arguments)
    assert outcome.exit_code == 2 and "give a" in outcome.stderr
