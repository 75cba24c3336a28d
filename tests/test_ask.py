"""`spasmguide ask`: a question in the person's own words, and names that meet people halfway."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import ASK_ACTIONS, ask_page
from tests.ask_sets import load
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


EMERGENCY_ACTION = "Call emergency services (999, 911 or 112) or go to an emergency department now"


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
    assert warnings[0]["id"] == flag
    assert document["stopped"] is True
    page = invoke("ask", text).stdout
    flat = " ".join(page.split())
    if warnings[0]["urgency"] == "emergency":
        assert flat.index(EMERGENCY_ACTION) < flat.index("Notice")
        assert document["action"] == EMERGENCY_ACTION
    else:
        assert "today" in flat[: flat.index("Your words match")]
    assert "Suggested techniques" not in page


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Paraphrases: slang, a comparison, everyday words for exertion and rest.
        ("my wee looks like strong tea after a brutal spin class", "rhabdomyolysis"),
        (
            "my jaw aches when I hurry up the hill and settles when I stop",
            "jaw-pain-from-the-heart",
        ),
        ("pain in my left arm when I climb stairs, gone after a rest", "jaw-pain-from-the-heart"),
        # Urgency wins ties: a wound and a locked jaw is tetanus, not the jaw that locks.
        ("stood on a rusty nail last week and now my jaw is locked", "possible-tetanus"),
    ],
)
def test_a_paraphrased_sign_is_read_by_its_concepts(text: str, flag: str) -> None:
    warnings = _ask(text)["warnings"]
    assert isinstance(warnings, list) and warnings, text
    assert warnings[0]["id"] == flag


@pytest.mark.parametrize(
    "text",
    [
        "hamstring cramp, no swelling at all",
        "back ache but no numbness and no trouble peeing",
        "calf is sore but it isn't swollen or red",
        "stiff neck, no fever and no rash",
        "headache, but never had anything sudden or severe",
        "what if my jaw locks?",
        "low back pain, denies any bladder problems",
        "neck ache without a temperature",
        "my foot fell asleep after sitting cross-legged",
        "pins and needles in my foot after sitting on it",
    ],
)
def test_a_denied_or_hypothetical_sign_raises_nothing(text: str) -> None:
    document = _ask(text)
    assert document["warnings"] == [], text
    assert document["stopped"] is False


def test_what_follows_but_is_not_denied() -> None:
    warnings = _ask("no fever, but my calf is swollen and hot")["warnings"]
    assert isinstance(warnings, list)
    assert [warning["id"] for warning in warnings][:1] == ["possible-dvt"]


def test_every_place_named_gives_a_reading_the_strongest_first() -> None:
    readings = _ask("my neck is stiff and my lower back aches, and my calves cramp")["readings"]
    assert isinstance(readings, list)
    assert [reading["region"]["id"] for reading in readings] == ["neck", "low-back", "calf"]
    page = invoke("ask", "my neck is stiff and my lower back aches").stdout
    assert "name 2 places" in page
    assert "spasmguide lookup --region neck" in page and "--region low-back" in page


def test_turning_the_head_is_the_neck() -> None:
    assert _first_reading("I can't turn my head to the left")[0] == "neck"
    readings = _ask("I can't turn my head to the left")["readings"]
    assert isinstance(readings, list)
    assert "head" not in [reading["region"]["id"] for reading in readings]


@pytest.mark.parametrize(
    ("text", "cause", "word"),
    [
        ("lower back went lifting my toddler", "acute-injury", "lifting"),
        ("shoulders ache after a day of weeding", "overuse", "weeding"),
        ("calves tight after running", "overuse", "running"),
        ("outer thigh sore from cycling", "overuse", "cycling"),
        ("pulled a muscle in my thigh", "acute-injury", "pulled"),
        ("forearm aches from the mouse all day", "overuse", "mouse"),
        ("foot cramps, not drinking enough water", "dehydration", "not drinking enough"),
        ("leg cramps since my new pills", "medicine-cramps", "pills"),
        ("lower back stiff, bad mattress", "posture", "mattress"),
        ("neck sore from looking down at my phone", "posture", "looking down at my phone"),
        ("calf cramps after a night of drinking", "dehydration", "drinking"),
    ],
)
def test_everyday_causes_are_read_with_the_words_shown(text: str, cause: str, word: str) -> None:
    readings = _ask(text)["readings"]
    assert isinstance(readings, list) and readings, text
    assert readings[0]["cause"]["id"] == cause
    assert any(word in matched for matched in readings[0]["matched"])


@pytest.mark.parametrize(
    ("typed", "region"),
    [
        ("hamstrng cramp", "hamstring"),
        ("sholder blade pain", "mid-back"),
        ("my nek is stiff", "neck"),
        ("my calfs cramp", "calf"),
    ],
)
def test_misspellings_are_read_as_the_word_meant(typed: str, region: str) -> None:
    assert _first_reading(typed)[0] == region


def test_an_emergency_stop_says_what_to_do_and_never_offers_an_unrelated_page() -> None:
    page = invoke("ask", "crushing chest pain and I am sweating").stdout
    flat = " ".join(page.split())
    assert flat.index(EMERGENCY_ACTION) < flat.index("Words that matched")
    assert "Low back" not in page and "--region" not in page
    assert "Suggested techniques" not in page


def test_an_emergency_stop_has_nothing_in_the_faintest_style() -> None:
    from rich.console import Console

    from spasmguide.kb.ask import understand
    from spasmguide.kb.loader import load_knowledge_base
    from spasmguide.pages.builders import ask_page
    from spasmguide.render.text import render_text

    kb = load_knowledge_base()
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    render_text(ask_page(kb, understand(kb, "worst headache of my life came on suddenly")), console)
    import re

    styled = console.export_text(styles=True, clear=False)
    codes = [code.split(";") for code in re.findall(r"\x1b\[([0-9;]*)m", styled)]
    assert codes and not any(_is_dim(code) for code in codes), "dim text in an emergency stop"
    assert EMERGENCY_ACTION in " ".join(console.export_text().split())


def _is_dim(parameters: list[str]) -> bool:
    """Whether one SGR sequence turns on the faint style (2), skipping colour arguments."""
    index = 0
    while index < len(parameters):
        if parameters[index] in ("38", "48"):
            index += 5 if parameters[index + 1 : index + 2] == ["2"] else 3
            continue
        if parameters[index] == "2":
            return True
        index += 1
    return False


def test_an_urgent_stop_says_today() -> None:
    document = _ask("can't open my mouth properly")
    assert document["warnings"][0]["urgency"] == "urgent"  # type: ignore[index]
    assert "today" in str(document["action"])


def test_a_warning_sign_stops_the_answer_before_any_technique() -> None:
    page = invoke("ask", "worst headache of my life came on suddenly").stdout
    assert EMERGENCY_ACTION in " ".join(page.split())
    assert "Techniques wait until a doctor has seen you" in page
    assert "Suggested techniques" not in page
    assert "spasmguide lookup --region head --full" in page


def test_a_long_text_is_read_to_the_end() -> None:
    filler = "I have been sitting at my desk a lot this week and it has been busy. " * 40
    document = _ask(filler + "Now my calf is swollen and hot after a long flight.")
    assert document["read_to"] is None
    warnings = document["warnings"]
    assert isinstance(warnings, list)
    assert [warning["id"] for warning in warnings][:1] == ["possible-dvt"]


def test_a_text_longer_than_the_guide_reads_says_where_it_stopped() -> None:
    from spasmguide.kb.ask import MAX_TEXT

    words = "my neck is stiff " * (MAX_TEXT // 10)
    outcome = invoke("ask", words)
    assert outcome.exit_code == 0
    assert "Read up to here" in outcome.stdout and "characters" in outcome.stdout


def test_words_the_guide_does_not_know_are_not_read_as_a_confident_answer() -> None:
    page = invoke("ask", "my eye twitches").stdout
    assert "Not understood" in page and "What the guide understood" not in page


def test_a_region_answers_to_its_plain_id() -> None:
    assert _first_reading("my jaw hurts")[0] == "jaw"
    assert _first_reading("my foot hurts")[0] == "foot"


def test_nothing_understood_says_so_and_how_to_ask() -> None:
    page = invoke("ask", "zzz qqq").stdout
    assert "could not tell" in page and "Notice" in page
    assert "for example" in page
    # No unrelated entries are offered as if they were an answer.
    assert "lookup --region" not in page and "closest entries" not in page


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
        ("acupoint", "Hegu", "LI4 Hégǔ"),
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


def test_a_layer_extends_the_vocabulary_and_validate_checks_it(tmp_path: Path) -> None:
    layer = tmp_path / "words.yaml"
    layer.write_text(
        "vocabulary:\n"
        "  - id: calf-part\n"
        "    group: body part\n"
        "    region: calf\n"
        "    words: [calf, wade, kuit]\n",
        encoding="utf-8",
    )
    assert invoke("validate", str(layer)).exit_code == 0
    outcome = invoke("ask", "kuit cramp", "--kb", str(layer), "--format", "json")
    assert json.loads(outcome.stdout)["readings"][0]["region"]["id"] == "calf"
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "vocabulary:\n"
        "  - id: calf-part\n"
        "    group: body part\n"
        "    region: no-such-region\n"
        "    includes: [no-such-concept]\n"
        "    words: [calf]\n",
        encoding="utf-8",
    )
    checked = invoke("validate", str(broken))
    assert checked.exit_code == 1
    assert "no-such-region" in checked.stderr + checked.stdout


def test_a_sign_pattern_must_name_concepts_the_vocabulary_has(tmp_path: Path) -> None:
    import yaml

    shipped = Path(__file__).resolve().parent.parent / "data" / "red_flags.yaml"
    flags = yaml.safe_load(shipped.read_text(encoding="utf-8"))["red_flags"]
    flag = next(flag for flag in flags if flag["id"] == "possible-tetanus")
    flag["pattern"] = [{"all": ["wound", "no-such-concept"]}]
    layer = tmp_path / "flag.yaml"
    layer.write_text(yaml.safe_dump({"red_flags": [flag]}), encoding="utf-8")
    checked = invoke("validate", str(layer))
    assert checked.exit_code == 1
    assert "no-such-concept" in checked.stderr + checked.stdout


def test_every_red_flag_has_a_pattern_and_every_concept_says_something() -> None:
    from spasmguide.kb.loader import load_knowledge_base

    kb = load_knowledge_base()
    assert all(flag.pattern for flag in kb.red_flags.values())
    for concept in kb.vocabulary.values():
        assert concept.words or concept.includes or concept.together, concept.id
        assert all(cid in kb.vocabulary for cid in concept.together), concept.id


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Each new warning sign, read from the concepts of its own sign text.
        ("back pain for years that loosens up once I get moving", "inflammatory-back-pain"),
        ("low back ache and I have psoriasis", "inflammatory-back-pain"),
        ("neck pain and my hands are getting clumsy", "neck-cord-compression"),
        ("sore neck and the numbness in my arms keeps getting worse", "neck-cord-compression"),
        ("on atorvastatin and my thighs ache", "statin-muscle-pain"),
        ("cramps and the muscles in my calf are wasting away", "cramps-with-wasting"),
        ("my jaw aches when I chew and my vision has gone blurred", "gca-vision"),
        ("I'm 72, my temples throb and I've got double vision", "gca-vision"),
        (
            "my hands keep cramping and there's pins and needles round my mouth",
            "cramps-with-tingling-lips",
        ),
        # The more particular of two equal signs comes first.
        ("had breast cancer and now my mid back aches", "spinal-pain-with-cancer"),
    ],
)
def test_the_newer_warning_signs_are_read_from_their_sign_text(text: str, flag: str) -> None:
    warnings = _ask(text)["warnings"]
    assert isinstance(warnings, list) and warnings, text
    assert warnings[0]["id"] == flag


def test_a_fall_is_a_possible_fracture_only_with_thin_bones_or_long_term_steroids() -> None:
    assert _ask("slipped on the stairs and my lower back aches")["stopped"] is False
    warnings = _ask("I have osteoporosis and I slipped and now my back hurts")["warnings"]
    assert isinstance(warnings, list) and warnings[0]["id"] == "possible-fracture"


def test_an_everyday_word_is_never_read_as_a_misspelling() -> None:
    from spasmguide.kb.ask import understand
    from spasmguide.kb.loader import load_knowledge_base
    from spasmguide.kb.reading import correct_spelling, lexicon, tokens_of

    kb = load_knowledge_base()
    # "upright" is one letter from "uptight" (stress); "heard" from "heart".
    understood = understand(kb, "stiff neck from sitting upright in a hard chair")
    assert "stress" not in [reading.cause.id for reading in understood.readings if reading.cause]
    lex = lexicon(kb)
    for word in ("upright", "heard", "staff", "smell", "waist", "order"):
        tokens = tokens_of(word)
        assert correct_spelling(kb, tokens, lex) == tokens, word


def test_the_words_that_matched_are_the_persons_own() -> None:
    document = _ask("I can't open my mouth and I don't know why")
    warnings = document["warnings"]
    assert isinstance(warnings, list) and warnings
    assert "can't open my mouth" in warnings[0]["matched"]
    assert not any("can not" in words for words in warnings[0]["matched"])


def test_a_feeling_that_runs_on_to_another_place_is_of_that_place() -> None:
    # Tingling that runs from the buttock down the leg is sciatica-like, not a numb saddle area.
    warnings = _ask("my bum aches and it tingles down into my leg when I drive")["warnings"]
    assert isinstance(warnings, list)
    assert "cauda-equina" not in [warning["id"] for warning in warnings]
    warnings = _ask("my bum has gone numb and tingly")["warnings"]
    assert isinstance(warnings, list) and warnings[0]["id"] == "cauda-equina"


def test_a_knee_that_locks_after_an_injury_is_seen_today() -> None:
    document = _ask("twisted my knee at netball and now it locks and won't straighten")
    warnings = document["warnings"]
    assert isinstance(warnings, list) and warnings
    assert warnings[0]["id"] == "knee-injury-locked-or-unstable"
    assert document["stopped"] is True
    assert _ask("my knee clicks when I climb the stairs")["stopped"] is False


def test_the_other_causes_follow_the_first_place_and_places_are_counted_once() -> None:
    readings = _ask("my calf and my foot cramp after football, and I hardly drink water")[
        "readings"
    ]
    assert isinstance(readings, list)
    assert [(r["region"]["id"], r["cause"]["id"]) for r in readings][:2] == [
        ("calf", "overuse"),
        ("calf", "dehydration"),
    ]
    page = " ".join(
        invoke("ask", "my calf cramps after running and a night of drinking").stdout.split()
    )
    assert "name 2 places" not in page and "name 3 places" not in page


def test_whenever_the_words_match_a_warning_sign_the_answer_leads_with_it(
    kb: KnowledgeBase,
) -> None:
    """The warning signs are read from the whole text, whatever place or cause each reading
    names: an answer that offers several readings (the choice screen) opens with the most
    urgent sign the text matches, as an answer with one reading does."""
    here = Path(__file__).parent
    texts = [p["text"] for name in ("ask_dev.yaml", "ask_frozen.yaml") for p in load(here / name)]
    texts += [
        "hit my head while drunk",
        "I was knocked out for a minute at football",
        "knocked out at rugby yesterday, neck is sore",
        "bumped my head, I'm on aspirin and clopidogrel after a stent",
        "hit my head at football and I've been sick, my calves cramp too",
    ]
    choice_screens = 0
    for text in texts:
        understood = understand(kb, text)
        if not understood.warnings:
            continue
        sections = [s for s in ask_page(kb, understood).sections if s.heading != "Read up to here"]
        top = understood.warnings[0][0]
        assert sections[0].warning, text
        assert sections[0].heading == (top.first_step or ASK_ACTIONS[top.urgency]), text
        if len(understood.readings) > 1:
            choice_screens += 1
    assert choice_screens >= 3  # the rule is seen on answers with several readings


NONE_MATCHED = "The guide matched none of the warning signs below to your words"


@pytest.mark.parametrize(
    ("text", "said"),
    [("my calf cramps at night", True), ("my calf is hot, red and swollen", False)],
)
def test_an_answer_says_when_none_of_the_listed_signs_matched(text: str, said: bool) -> None:
    # The page's warning signs follow every single reading; a reader should not take a list of
    # emergencies for what their words described.
    result = invoke("ask", text)
    assert result.exit_code == 0
    assert (NONE_MATCHED in " ".join(result.stdout.split())) is said, text
