"""The field table (spasmguide/kb/fields.py) knows every field of the model, and what it says
is what search, the pages and their JSON do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from spasmguide.kb import fields
from spasmguide.kb.fields import FIELDS, heading_of, in_json, records, searched
from spasmguide.kb.model import (
    COLLECTIONS,
    Acupoint,
    Cause,
    Evidence,
    Guide,
    KnowledgeBase,
    RedFlagGroup,
    Region,
    Technique,
)
from spasmguide.kb.names import acupoint_name, entry_name
from spasmguide.kb.search import document_for, documents_of
from spasmguide.pages import builders
from spasmguide.pages.document import Facts, Page
from tests.conftest import invoke

RECORDS = records()
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_every_field_of_the_model_is_in_the_table(record: type[Any]) -> None:
    table = FIELDS.get(record, {})
    missing = [name for name in record._fields if name not in table]
    assert not missing, (
        f"{record.__name__} has fields the field table does not know: {', '.join(missing)}."
        f" Add each to FIELDS[{record.__name__}] in spasmguide/kb/fields.py (what it holds,"
        " its heading, search weight, whether it is safety content, and why not in JSON if"
        " it is not), then run scripts/generate_docs.py"
    )
    unknown = [name for name in table if name not in record._fields]
    assert not unknown, f"the field table names fields {record.__name__} lacks: {unknown}"


def test_the_table_knows_only_the_model_s_records() -> None:
    assert set(FIELDS) == set(RECORDS)


def test_a_field_missing_from_the_table_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    shorter = {name: meaning for name, meaning in FIELDS[Region].items() if name != "lay_terms"}
    monkeypatch.setitem(FIELDS, Region, shorter)
    with pytest.raises(AssertionError, match="Region has fields the field table does not know"):
        test_every_field_of_the_model_is_in_the_table(Region)


def test_the_safety_fields_are_those_decisions_013_and_015_name() -> None:
    assert fields.SAFETY_FIELDS == {
        "red_flags": (
            "title",
            "urgency",
            "applies_to",
            "signs",
            "note",
            "lay_terms",
            "action",
            "pattern",
            "check_when",
            "first_step",
            "not_covered",
        ),
        "techniques": ("cautions", "contraindications", "safety"),
        "regions": ("self_care", "red_flags"),
        "causes": ("red_flags",),
        "acupoints": ("cautions", "needling", "pregnancy"),
        "safety": ("title", "points"),
    }
    guide = ("notice", "licensing", "red_flag_note", "urgency_labels")
    assert fields.safety_fields(Guide) == guide


def test_search_reads_what_the_table_says_with_its_weights(kb: KnowledgeBase) -> None:
    for document in documents_of(kb):
        record = COLLECTIONS[document.kind]
        weights = {
            meaning.search_label or name.replace("_", " "): meaning.search
            for name, meaning in searched(record)
        }
        for field in document.fields:
            assert weights[field.label] == field.weight, (document.id, field.label)
    calf = document_for(kb, "regions", "calf")
    labels = [field.label for field in calf.fields]
    assert "lay terms" in labels and "suggested techniques" in labels
    assert "causes" not in labels and "sources" not in labels
    hegu = document_for(kb, "acupoints", "li4")
    name = next(field for field in hegu.fields if field.label == "name")
    assert name.texts[0] == kb.acupoints["li4"].pinyin and name.weight == fields.NAME


def _all_headings(page: Page) -> set[str]:
    found = {section.heading for section in page.sections}
    for section in page.sections:
        for block in section.blocks:
            if isinstance(block, Facts):
                found.update(fact.label for fact in block.items)
    return found


def _richest(entries: Any) -> Any:
    """The entry with the most fields filled in."""
    return max(entries, key=lambda entry: sum(1 for value in entry if value))


def _pages(kb: KnowledgeBase) -> dict[type[Any], tuple[Any, Page]]:
    technique = _richest(kb.techniques.values())
    region = _richest(kb.regions.values())
    cause = _richest(kb.causes.values())
    point = _richest(kb.acupoints.values())
    return {
        Technique: (technique, builders.technique_page(kb, technique)),
        Region: (region, builders.region_page(kb, region)),
        Cause: (cause, builders.cause_page(kb, cause)),
        Acupoint: (point, builders.acupoint_page(kb, point)),
        Guide: (kb.guide, builders.about_page(kb)),
    }


def test_a_field_s_heading_is_the_one_its_page_shows(kb: KnowledgeBase) -> None:
    evidence = _all_headings(builders.evidence_page(kb))
    flags = _all_headings(builders.red_flags_page(kb))
    for record, (entry, page) in _pages(kb).items():
        # The guide's parts are shown on the about, evidence and warning-sign pages.
        shown = _all_headings(page) | (evidence | flags if record is Guide else set())
        for name, meaning in FIELDS[record].items():
            if meaning.heading and getattr(entry, name):
                assert heading_of(record, name) in shown, (record.__name__, name, shown)
    for name in ("finding", "certainty", "basis", "sources", "article_says", "as_cited"):
        assert heading_of(Evidence, name) in evidence
    for name in ("urgency", "applies_to"):
        assert heading_of(RedFlagGroup, name) in flags
    with pytest.raises(KeyError, match="no heading"):
        heading_of(Region, "lay_terms")


@pytest.mark.parametrize(
    ("record", "key"),
    [(Technique, "technique"), (Region, "region"), (Cause, "cause"), (Acupoint, "acupoint")],
)
def test_every_field_reaches_the_page_s_json(
    kb: KnowledgeBase, record: type[Any], key: str
) -> None:
    entry, page = _pages(kb)[record]
    data = page.data[key]
    for name in record._fields:
        meaning = FIELDS[record][name]
        assert name in data or meaning.json or not getattr(entry, name), (
            f"{record.__name__}.{name} is not in the JSON"
        )
    assert set(in_json(record)) <= set(data)


def test_region_and_cause_json_carry_their_lay_words(kb: KnowledgeBase) -> None:
    region = builders.region_page(kb, kb.regions["calf"]).data["region"]
    assert region["lay_terms"] == list(kb.regions["calf"].lay_terms)
    cause = builders.cause_page(kb, kb.causes["overuse"]).data["cause"]
    assert cause["lay_terms"] == list(kb.causes["overuse"].lay_terms)
    assert [item["id"] for item in region["red_flags"]] == list(kb.regions["calf"].red_flags)


def test_other_json_keeps_every_field(kb: KnowledgeBase) -> None:
    for flag in builders.red_flags_page(kb).data["red_flags"]:
        assert set(RedFlagGroup._fields) <= set(flag)
    for evidence in builders.evidence_page(kb).data["evidence"]:
        assert set(Evidence._fields) <= set(evidence)
    assert set(Guide._fields) <= set(builders.about_page(kb).data["guide"])


def test_one_function_names_an_acupoint(kb: KnowledgeBase) -> None:
    point = kb.acupoints["gb20"]
    assert acupoint_name(point, "short") == "GB20"
    assert acupoint_name(point) == f"GB20 {point.pinyin}"
    assert acupoint_name(point, "full") == (
        f"GB20 {point.pinyin} {point.characters} ({point.english[0]})"
    )
    assert acupoint_name(point, "english") == point.english[0]
    assert acupoint_name(point._replace(english=()), "english") == point.pinyin
    assert acupoint_name(point._replace(english=(), characters=None), "full") == (
        f"GB20 {point.pinyin}"
    )
    uncoded = point._replace(code=None)
    assert acupoint_name(uncoded, "short") == point.pinyin == acupoint_name(uncoded)
    assert entry_name(point) == acupoint_name(point)
    assert builders.acupoint_page(kb, point).title == acupoint_name(point)
    listed = builders.list_page(kb, "acupoints").data["entries"]
    assert {"id": "gb20", "name": acupoint_name(point, "full")}.items() <= next(
        row for row in listed if row["id"] == "gb20"
    ).items()


def test_a_layer_that_changes_what_to_do_is_named_on_every_page(tmp_path: Path) -> None:
    """What to do about a warning sign is safety content like the signs themselves."""
    shipped = yaml.safe_load((DATA / "red_flags.yaml").read_text(encoding="utf-8"))["red_flags"]
    group = next(flag for flag in shipped if flag.get("action"))
    group["action"] = "Rest and see how it goes."
    layer = tmp_path / "calmer.yaml"
    layer.write_text(yaml.safe_dump({"red_flags": [group]}, allow_unicode=True), encoding="utf-8")
    outcome = invoke("technique", "cupping", "--kb", str(layer), "--format", "json")
    assert outcome.exit_code == 0, outcome.stderr
    changed = json.loads(outcome.stdout)["changed_by_your_files"]
    assert any(f"red_flags/{group['id']}" in line for line in changed), changed
