"""The study loop a student keeps: answers shown after a miss or a skip, the misses listed at
the end with when they come back, one part of the guide at a time, typed recall that forgives
tone marks and small typos, Ctrl-C that keeps everything, cards that ask what a teacher
examines, and an Anki deck whose every note can be answered from its front, with a figure of
where each point is. Building the cards is linear in the number of entries (counted here,
never timed: benchmarks/run.py times it)."""

from __future__ import annotations

import html
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import genanki
import pytest
import yaml

from spasmguide.kb.layers import Layer, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.names import meridians_named
from spasmguide.study import cards as cards_module
from spasmguide.study.anki import (
    FIELDS,
    MEDIA_PREFIX,
    MODEL_ID,
    REVERSED_FIELDS,
    REVERSED_MODEL_ID,
    anki_package,
)
from spasmguide.study.cards import (
    CardSource,
    Question,
    cards_of,
    giveaways,
    judge,
    make_question,
    select_cards,
)
from spasmguide.study.progress import Progress
from spasmguide.study.session import one_sentence, run_quiz
from tests.browser import needs_chromium, run_chromium, screenshot_kept
from tests.conftest import NOTICE_WORDS, invoke, loads_module, run_process
from tests.quiz_terminal import assert_stopped_cleanly, quiz_in_terminal

REPO = Path(__file__).resolve().parent.parent
SCREENSHOT = REPO / "tests" / "screenshots" / "anki-card-gb20.png"
UPDATE = bool(os.environ.get("SPASMGUIDE_UPDATE_GOLDEN"))

# A point as a user's layer (or the points data) may give it: characters, tone-marked pinyin,
# needling with the caution beside its depth, and a caution in pregnancy. From Cheng 1999
# (ST36: perpendicular, 0.5-1.3 cun in that edition; the depth here is only test data).
POINT_LAYER = """
acupoints:
  - id: st36
    code: ST36
    pinyin: Zúsānlǐ
    english: [Leg Three Miles]
    characters: 足三里
    meridian: Stomach
    location: Three cun below the knee's outer hollow, a finger's breadth outside the shin bone.
    uses: Test data.
    needling:
      depth: "1-1.5"
      source: cheng-1999
      angle: perpendicular
      caution: Test caution beside the depth, about a vessel lying deep.
    pregnancy: Test caution in pregnancy, about strong stimulation.
    sources: [cheng-1999]
  - id: test-oblique
    code: null
    pinyin: Test Oblique
    english: [Test point one]
    meridian: Stomach
    location: Test data, one.
    uses: Test data.
    needling: {depth: "0.5-0.8", source: cheng-1999, angle: oblique, direction: upward}
    sources: [cheng-1999]
  - id: test-transverse
    code: null
    pinyin: Test Transverse
    english: [Test point two]
    meridian: Stomach
    location: Test data, two.
    uses: Test data.
    needling: {depth: "0.3-0.5", source: cheng-1999, angle: transverse}
    sources: [cheng-1999]
  - id: test-pricked
    code: null
    pinyin: Test Pricked
    english: [Test point three]
    meridian: Stomach
    location: Test data, three.
    uses: Test data.
    needling: {depth: "0.1", source: cheng-1999, angle: pricked to bleed}
    sources: [cheng-1999]
"""


def write_layer(count: int, folder: Path) -> None:
    """The benchmark's synthetic layer of `count` techniques (benchmarks/generate_layer.py)."""
    script = REPO / "benchmarks" / "generate_layer.py"
    subprocess.run(
        [sys.executable, str(script), str(count), str(folder)], check=True, capture_output=True
    )


def with_layer(tmp_path: Path, text: str) -> KnowledgeBase:
    extra = tmp_path / "extra.yaml"
    extra.write_text(text, encoding="utf-8")
    return load_knowledge_base([shipped_layer(), Layer("--kb", str(extra), (extra,))])


def card_of(kb: KnowledgeBase, card_id: str) -> cards_module.Card:
    return next(card for card in cards_of(kb) if card.card == card_id)


# -- what the cards ask ----------------------------------------------------------------------


def test_cards_ask_what_a_teacher_examines_and_never_the_guides_filing(kb: KnowledgeBase) -> None:
    cards = cards_of(kb)
    kinds = {card.card.split(":")[0] for card in cards}
    assert {
        "acupoint-location",
        "acupoint-name",
        "acupoint-code",
        "acupoint-caution",
        "acupoint-meridian",
        "technique-caution",
        "technique-contraindication",
        "region-emergency",
        "evidence-certainty",
    } <= kinds
    assert "acupoint-region" not in kinds
    for card in cards:
        assert "does the guide list" not in card.prompt and "filed" not in card.prompt
        assert not giveaways(card), card.card
        assert card.opens.startswith("spasmguide "), card.card  # the command that opens it
        if card.card.startswith("acupoint-"):
            # A point no region uses (CV17, kept for its categories) has a meridian only.
            point = kb.acupoints[card.card.split(":")[1]]
            used = point.regions or any(point.id in r.acupoints for r in kb.regions.values())
            assert card.meridian and (card.regions or not used), card.card


def test_emergency_cards_draw_wrong_answers_from_calmer_signs(kb: KnowledgeBase) -> None:
    emergency = {
        sign
        for group in kb.red_flags.values()
        if group.urgency == "emergency"
        for sign in group.signs
    }
    asked = [card for card in cards_of(kb) if card.card.startswith("region-emergency:")]
    assert len(asked) >= 5
    for card in asked:
        assert card.answer in emergency
        for seed in range(5):
            question = make_question(card, random.Random(seed))
            wrong = [c for i, c in enumerate(question.choices) if i != question.answer]
            assert len(wrong) >= 2 and not set(wrong) & emergency, card.card


def test_a_point_with_characters_and_needling_gets_those_cards(tmp_path: Path) -> None:
    kb = with_layer(tmp_path, POINT_LAYER)
    ids = {card.card for card in cards_of(kb)}
    assert {"acupoint-characters:st36", "acupoint-needling:st36", "acupoint-caution:st36"} <= ids
    characters = card_of(kb, "acupoint-characters:st36")
    assert characters.prompt == "How is 足三里 read in pinyin?" and characters.typed
    question = make_question(characters, random.Random(1))
    for given in ("Zúsānlǐ", "zusanli", "zu san li", "ZU-SAN-LI", "zusanly"):
        assert judge(question, given) == judge(question, "zusanli"), given
        assert judge(question, given).choice == question.answer, given
    assert judge(question, "fengchi").choice == -1
    assert "GB20" in judge(question, "fengchi").hint  # whose name it is
    needling = card_of(kb, "acupoint-needling:st36")
    assert needling.answer == "Perpendicular, 1-1.5 cun"
    caution = card_of(kb, "acupoint-caution:st36")
    assert caution.answer.startswith("Test caution")
    assert len(characters.pair) == 4 and characters.pair[:2] == ("足三里", "Zúsānlǐ")


def test_needling_text_begins_with_a_capital_with_or_without_an_angle(kb: KnowledgeBase) -> None:
    gb20 = kb.acupoints["gb20"].needling
    assert gb20 is not None and gb20.angle is None and gb20.direction
    assert cards_module.needling_text(gb20) == "Toward the tip of the nose, 0.5-0.8 cun"
    assert cards_module.needling_text(gb20._replace(angle="oblique")).startswith("Oblique, tow")


def test_typed_names_forgive_typos_but_codes_do_not(kb: KnowledgeBase) -> None:
    name = make_question(card_of(kb, "acupoint-name:gb20"), random.Random(1))
    assert name.typed and name.choices == ("Fēngchí (Wind Pool)",)
    for given in ("Fengchi", "feng chi", "FENGCHI", "fengchii", "wind pool", "Fēngchí"):
        assert judge(name, given).choice == name.answer, given
    wrong = judge(name, "Fengfu")
    assert wrong.action == "choose" and wrong.choice == -1 and "GV16" in wrong.hint
    assert judge(name, "something else entirely").choice == -1
    assert judge(name, "s").action == "skip" and judge(name, "?").action == "help"
    assert judge(name, "  ").action == "invalid"
    code = make_question(card_of(kb, "acupoint-code:gb20"), random.Random(1))
    for given in ("GB20", "gb 20", "gb-20"):
        assert judge(code, given).choice == code.answer, given
    for given in ("GB21", "GB2", "GB200", "BG20"):
        assert judge(code, given).choice == -1, given
    assert "Jiānjǐng" in judge(code, "GB21").hint


def test_a_clear_beginning_picks_one_option() -> None:
    question = Question(
        "c", "regions", "Which?", ("Tui Na", "Cupping", "Gua sha"), 0, frozenset(), ""
    )
    assert judge(question, "cupp").choice == 1
    assert judge(question, "tui").action == "invalid"  # too short to be sure


def test_a_reason_is_one_sentence() -> None:
    assert one_sentence("First part. Second part.") == "First part."
    long = "word " * 80
    assert len(one_sentence(long)) <= 160 and one_sentence(long).endswith("…")


def test_filters_combine_and_an_unknown_meridian_is_one_line(kb: KnowledgeBase) -> None:
    cards = cards_of(kb)
    neck_gb = select_cards(cards, region="neck", meridian=meridians_named(kb, "GB"))
    assert neck_gb and all(
        card.meridian == "Gallbladder" and "neck" in card.regions for card in neck_gb
    )
    assert meridians_named(kb, "gallbladder") == meridians_named(kb, "GB") == {"Gallbladder"}
    assert meridians_named(kb, "LIV") == meridians_named(kb, "liver") == {"Liver"}
    techniques = select_cards(cards, topic="techniques", region="calf")
    assert techniques and all(card.topic == "techniques" for card in techniques)
    outcome = invoke("quiz", "--meridian", "nonsense")
    assert outcome.exit_code == 1 and len(outcome.stderr.splitlines()) == 1
    assert "Known meridians" in outcome.stderr
    nothing = invoke("quiz", "--topic", "evidence", "--meridian", "GB")
    assert nothing.exit_code == 1 and "no quiz cards" in nothing.stderr


# -- scale, counted -----------------------------------------------------------------------


def test_a_quiz_builds_only_the_cards_it_asks(tmp_path: Path) -> None:
    layer = tmp_path / "layer"
    write_layer(2000, layer)
    kb = load_knowledge_base(
        [shipped_layer(), Layer("--kb", str(layer), tuple(sorted(layer.glob("*.yaml"))))]
    )
    source = CardSource(kb)
    assert len(source.candidates) > 4000
    lines: list[str] = []
    result = run_quiz(
        kb,
        Progress.open(None),
        count=3,
        seed=1,
        topic="techniques",
        read_answer=lambda prompt: "s",
        write=lines.append,
        now=0.0,
        source=source,
    )
    assert result.planned == 3 and result.skipped == 3
    built = [card_id for card_id in source._built if card_id.startswith("technique-")]
    assert len(built) <= 10  # a few more than asked, when one would give its answer away


def count_card_work(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts, while the test runs, the work of building cards: texts stemmed ("stems") and
    wrong answers checked ("checks")."""
    calls = {"stems": 0, "checks": 0}
    stems, resembles = cards_module._meaningful_stems, cards_module._resembles

    def counting_stems(text: str) -> frozenset[str]:
        calls["stems"] += 1
        return stems(text)

    def counting_checks(candidate: str, right: str, *, strict: bool = False) -> bool:
        calls["checks"] += 1
        return resembles(candidate, right, strict=strict)

    monkeypatch.setattr(cards_module, "_meaningful_stems", counting_stems)
    monkeypatch.setattr(cards_module, "_resembles", counting_checks)
    return calls


def test_building_every_card_is_linear_in_the_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the entries: about four times the work (texts stemmed, wrong answers
    checked), never sixteen. Counted, not timed."""
    calls = count_card_work(monkeypatch)
    counts = []
    for size in (0, 200, 800):
        layer = tmp_path / f"layer-{size}"
        write_layer(size, layer)
        files = tuple(sorted(layer.glob("*.yaml")))
        layers = [shipped_layer(), *([Layer("--kb", str(layer), files)] if files else [])]
        kb = load_knowledge_base(layers)
        calls.update(stems=0, checks=0)
        built = cards_of(kb)
        counts.append((len(built), calls["stems"], calls["checks"]))
    base, small, large = counts
    assert large[0] - base[0] >= 3.5 * (small[0] - base[0])  # the cards themselves
    for work in (1, 2):
        assert large[work] - base[work] <= 6 * (small[work] - base[work]), counts  # not 16


def stats_cards(*args: str) -> dict[str, int]:
    """The cards per topic `quiz --stats` counts."""
    outcome = invoke("quiz", "--stats", "--format", "json", *args)
    assert outcome.exit_code == 0, outcome.stderr
    return {topic["topic"]: topic["cards"] for topic in json.loads(outcome.stdout)["topics"]}


def built_cards(kb: KnowledgeBase, **filters: Any) -> dict[str, int]:
    """The cards per topic that building every card finds (`cards_of`)."""
    return dict(Counter(card.topic for card in select_cards(cards_of(kb), **filters)))


def never_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, building cards fails the test."""

    def refuse(self: CardSource, kb: KnowledgeBase, *, build_all: bool = False) -> None:
        raise AssertionError("quiz --stats built its cards")

    monkeypatch.setattr(CardSource, "__init__", refuse)


@pytest.mark.parametrize("extra", [False, True], ids=["shipped guide", "with a layer"])
def test_stats_count_the_cards_building_every_card_finds_without_building_one(
    tmp_path: Path, cache: Path, data: Path, monkeypatch: pytest.MonkeyPatch, extra: bool
) -> None:
    """`quiz --stats` counts, per topic and with every filter, exactly the cards building
    every card finds (those the fairness checks let through); the second time from the list
    kept in the cache folder, without building a card."""
    layers = [shipped_layer()]
    arguments: tuple[str, ...] = ()
    if extra:  # techniques, and points with characters, needling and cautions
        layer = tmp_path / "layer"
        write_layer(200, layer)
        (layer / "points.yaml").write_text(POINT_LAYER, encoding="utf-8")
        layers.append(Layer("--kb", str(layer), tuple(sorted(layer.glob("*.yaml")))))
        arguments = ("--kb", str(layer))
    kb = load_knowledge_base(layers)
    # Some cards are left out by the fairness checks: the list must leave out the same ones.
    assert len(CardSource(kb).candidates) > len(cards_of(kb))
    expected = {
        (): built_cards(kb),
        ("--topic", "techniques"): built_cards(kb, topic="techniques"),
        ("--region", "neck", "--meridian", "GB"): built_cards(
            kb, region="neck", meridian=meridians_named(kb, "GB")
        ),
    }
    first = stats_cards(*arguments)  # builds every card once, and keeps the list
    assert first == expected[()]
    assert sum(first.values()) > (1100 if extra else 900)
    assert len(list((cache / "cards").glob("cards-*.bin"))) == 1
    never_build(monkeypatch)
    for options, cards in expected.items():
        assert cards and stats_cards(*arguments, *options) == cards, options


def test_a_kept_list_that_is_altered_or_out_of_date_is_worked_out_again(
    tmp_path: Path, cache: Path, data: Path, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    from spasmguide.study import card_index

    module = tmp_path / "module.py"
    module.write_text("# a module of ours\n", encoding="utf-8")
    stamp = os.stat(module)
    monkeypatch.setattr(
        card_index, "_stamps", lambda: ((str(module), stamp.st_size, stamp.st_mtime_ns),)
    )
    expected = built_cards(kb)
    assert stats_cards() == expected
    (kept,) = (cache / "cards").glob("cards-*.bin")
    blob = bytearray(kept.read_bytes())
    blob[-5] ^= 1  # one bit of the list changed: its digest no longer matches
    kept.write_bytes(bytes(blob))
    builds = []
    original = CardSource.__init__

    def counting(self: CardSource, kb: KnowledgeBase, *, build_all: bool = False) -> None:
        builds.append(build_all)
        original(self, kb, build_all=build_all)

    monkeypatch.setattr(CardSource, "__init__", counting)
    assert stats_cards() == expected and builds == [True]
    assert stats_cards() == expected and builds == [True]  # written again whole, then read
    module.write_text("# a module of ours, changed\n", encoding="utf-8")
    assert stats_cards() == expected and builds == [True, True]


def test_without_a_cache_folder_of_their_own_stats_build_every_card(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)  # anyone may write it: never read, never written
    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(shared))
    expected = built_cards(kb)
    assert stats_cards() == expected and stats_cards() == expected
    assert not (shared / "cards").exists()


def test_stats_import_no_card_builder_once_the_list_is_kept(cache: Path, data: Path) -> None:
    stats = run_process("quiz", "--stats")
    assert stats.returncode == 0, stats.stderr
    code = (
        "import sys\nsys.argv = ['spasmguide', 'quiz', '--stats']\n"
        "from spasmguide.entry import run\ntry:\n    run()\nexcept SystemExit:\n    pass"
    )
    assert not loads_module(code, "spasmguide.study.cards")
    assert not loads_module(code, "spasmguide.study.session")


# -- the quiz, through a pipe and in a terminal -------------------------------------------


def test_through_a_pipe_misses_show_their_answer_and_come_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_process(
        "quiz",
        "-n",
        "3",
        "--seed",
        "11",  # the seed whose first question is GB20's code
        "--region",
        "neck",
        "--meridian",
        "gb",
        env={"SPASMGUIDE_DATA_DIR": str(data)},
        answers="GB21\ns\ns\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "What is the code of Fēngchí (Wind Pool)?" in out
    assert "Not quite. GB21 is the code of Jiānjǐng. The answer is GB20" in out
    assert "More: spasmguide acupoint gb20" in out
    assert out.count("Skipped. The answer is") == 2
    assert out.rstrip().splitlines()[-1] == "Score: 0/1"  # the last line, for scripts
    review = out.split("To review (3 missed or skipped):", 1)[1]
    assert "- Missed: What is the code of Fēngchí (Wind Pool)?" in review
    assert "Answer: GB20" in review
    assert review.count("Comes back at your next quiz.") == 3
    assert review.count("- Skipped: ") == 2


@pytest.mark.slow
def test_in_a_terminal_a_miss_shows_its_answer_and_ctrl_c_keeps_everything(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    arguments = ("-n", "3", "--seed", "11", "--region", "neck", "--meridian", "GB")
    with quiz_in_terminal(*arguments, data=data) as terminal:
        terminal.read_until(r"What is the code of Fēngchí \(Wind Pool\)\?[\s\S]*type it")
        terminal.type("gb21")
        shown = terminal.read_until(r"Question 2 of 3[\s\S]*Your answer")
        assert "The answer is GB20" in shown and "More: spasmguide acupoint gb20" in shown
        terminal.press(b"\x03")  # Ctrl-C at the prompt
        shown = terminal.read_until(r"Comes back at your next quiz\.")
        assert terminal.process.wait(timeout=30) == 130
    assert_stopped_cleanly(shown, answered=1, asked=3)
    assert "- Missed: What is the code of Fēngchí (Wind Pool)?" in shown
    stats = run_process(
        "quiz", "--stats", "--format", "json", env={"SPASMGUIDE_DATA_DIR": str(data)}
    )
    assert '"seen": 1' in stats.stdout


# -- the Anki deck ---------------------------------------------------------------------------


def open_package(data: bytes, tmp_path: Path) -> tuple[sqlite3.Connection, dict[str, bytes]]:
    """The collection and the media files (by name) of an .apkg."""
    package = tmp_path / "deck.apkg"
    package.write_bytes(data)
    with zipfile.ZipFile(package) as archive:
        database = tmp_path / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
        names = json.loads(archive.read("media"))
        media = {name: archive.read(number) for number, name in names.items()}
    return sqlite3.connect(database), media


def deck_notes(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = connection.execute("select guid, mid, tags, flds from notes").fetchall()
    found = []
    for guid, model, tags, fields in rows:
        names = FIELDS if model == MODEL_ID else REVERSED_FIELDS
        found.append(
            {
                "guid": guid,
                "model": model,
                "tags": tags.split(),
                "fields": dict(zip(names, fields.split("\x1f"), strict=True)),
            }
        )
    return found


def text_of(field: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", field)).strip()


def test_every_note_can_be_answered_from_its_front(tmp_path: Path, kb: KnowledgeBase) -> None:
    connection, media = open_package(anki_package(kb, 1_700_000_000.0), tmp_path)
    notes = deck_notes(connection)
    assert len(notes) > 200
    choice = recall = reverse = figures = 0
    for note in notes:
        fields = note["fields"]
        if note["model"] == REVERSED_MODEL_ID:
            reverse += 1
            for side, ask in (("Front", "FrontAsk"), ("Back", "BackAsk")):
                assert text_of(fields[side]) and text_of(fields[ask]).endswith("?"), note
            continue
        front, back = fields["Front"], fields["Back"]
        shown = re.search(r'<div class="answer">(.*?)</div>', back)
        assert shown is not None, back
        answer = text_of(shown.group(1))
        options = re.findall(r"<li>(.*?)</li>", front)
        if options:  # multiple choice: the options are on the front, the answer among them
            choice += 1
            assert len(options) >= 3, front
            number, _, text = answer.partition(". ")
            assert html.unescape(options[int(number) - 1]) == text
        else:  # recall: a question that asks one thing, and does not hold its answer
            recall += 1
            question = text_of(front)
            assert question.endswith("?") or question.endswith(")"), question
            assert answer and answer not in question
        for name in re.findall(r'<img src="([^"]+)"', back):
            figures += 1
            assert name in media and name.startswith(MEDIA_PREFIX)
            svg = ElementTree.fromstring(media[name])
            dots = [
                element
                for element in svg.iter("{http://www.w3.org/2000/svg}g")
                if element.get("class") == "bm-point"
            ]
            assert len(dots) == 1  # the one point, marked
    assert choice > 50 and recall > 50 and reverse >= 60
    assert figures >= 60 and len(media) == figures
    assert "Where is GB20 Fēngchí?" in {note["fields"].get("Front") for note in notes}
    # Where a point is: recall, as in the terminal quiz; the location whole on the back.
    guid = genanki.guid_for("acupoint-location:gb20")
    (location,) = [note["fields"] for note in notes if note["guid"] == guid]
    assert "<li>" not in location["Front"]
    assert kb.acupoints["gb20"].location in text_of(location["Back"])


def test_note_ids_stay_the_same_when_the_guide_grows(tmp_path: Path, kb: KnowledgeBase) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, _ = open_package(anki_package(kb, 1_700_000_000.0), tmp_path / "a")
    # Only the layer's points the shipped guide lacks: ST36 is shipped, so the layer's ST36
    # (test data) would change a point rather than add one.
    layer = yaml.safe_load(POINT_LAYER)
    layer["acupoints"] = [point for point in layer["acupoints"] if point["id"] not in kb.acupoints]
    larger = with_layer(tmp_path, yaml.safe_dump(layer, allow_unicode=True))
    second, _ = open_package(anki_package(larger, 1_800_000_000.0), tmp_path / "b")
    before = {note["guid"]: note["fields"] for note in deck_notes(first)}
    after = {note["guid"]: note["fields"] for note in deck_notes(second)}
    assert set(before) < set(after)
    assert genanki.guid_for("acupoint-location:gb20") in before
    unchanged = [guid for guid in before if before[guid] == after[guid]]
    assert len(unchanged) > 0.8 * len(before)  # the same card, the same note, the same options


def test_the_deck_has_sub_decks_per_topic(tmp_path: Path, kb: KnowledgeBase) -> None:
    connection, _ = open_package(anki_package(kb, 1_700_000_000.0), tmp_path)
    decks = json.loads(connection.execute("select decks from col").fetchone()[0])
    names = {deck["name"] for deck in decks.values()}
    title = kb.guide.title
    assert {f"{title}::Acupoints", f"{title}::Techniques", f"{title}::Regions"} <= names
    assert NOTICE_WORDS in json.dumps(decks)


@needs_chromium
@pytest.mark.slow
def test_chromium_shows_a_point_card_with_its_figure(tmp_path: Path, kb: KnowledgeBase) -> None:
    """The back of "Where is GB20?", laid out as Anki lays it out, kept as the README's
    picture (SPASMGUIDE_UPDATE_GOLDEN=1 to renew it)."""
    connection, media = open_package(anki_package(kb, 1_700_000_000.0), tmp_path)
    guid = genanki.guid_for("acupoint-location:gb20")
    (fields,) = connection.execute("select flds from notes where guid = ?", (guid,)).fetchone()
    front, back, topic, _ = fields.split("\x1f")
    models = json.loads(connection.execute("select models from col").fetchone()[0])
    model = models[str(MODEL_ID)]
    page = (
        model["tmpls"][0]["afmt"]
        .replace("{{FrontSide}}", front)
        .replace("{{Back}}", back)
        .replace("{{Topic}}", topic)
    )
    page = re.sub(r"\{\{#Source\}\}.*?\{\{/Source\}\}", "", page)
    for name, svg in media.items():
        (tmp_path / name).write_bytes(svg)
    card = tmp_path / "card.html"
    card.write_text(
        f"<!doctype html><meta charset=utf-8><style>{model['css']}</style>"
        f'<body class="card">{page}</body>',
        encoding="utf-8",
    )
    profile = tmp_path / "profile"
    dom = run_chromium(profile, "--dump-dom", card.as_uri())
    assert "Where is GB20 Fēngchí?" in dom and 'src="spasmguide-point-gb20.svg"' in dom
    screenshot_kept(profile, card.as_uri(), "640,960", SCREENSHOT, 10_000)
