"""`spasmguide schema` writes the knowledge base's JSON Schema, generated from the model; the
shipped files name it on their first line and keep to it, and docs/fields.md says the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from spasmguide.kb.model import COLLECTIONS, Region
from spasmguide.kb.schema import MODELINE, SCHEMA_FILE, field_reference, json_schema, schema_text
from tests.conftest import invoke
from tests.test_rules import ELBOW

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SHIPPED = sorted(DATA.glob("*.yaml"))


def read_yaml(text: str) -> Any:
    """A YAML file as an editor's schema check sees it: scalars as the text written."""
    return yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds no objects


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((DATA / SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_command_writes_the_committed_schema() -> None:
    outcome = invoke("schema")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == (DATA / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    schema = json.loads(outcome.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {"guide", *COLLECTIONS}


def test_the_command_writes_the_field_reference() -> None:
    outcome = invoke("schema", "--fields")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert outcome.stdout == field_reference()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_shipped_file_names_the_schema_and_keeps_to_it(
    path: Path, validator: Draft202012Validator
) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    errors = [
        f"{list(error.path)}: {error.message}" for error in validator.iter_errors(read_yaml(text))
    ]
    assert errors == []


def test_the_schema_is_generated_from_the_model() -> None:
    region = json_schema()["$defs"]["Region"]
    assert list(region["properties"]) == list(Region._fields)
    assert region["required"] == [
        name for name in Region._fields if name not in Region._field_defaults
    ]
    assert region["additionalProperties"] is False
    assert region["properties"]["techniques"]["items"] == {"$ref": "#/$defs/Suggestion"}
    assert region["properties"]["red_flags"]["items"]["pattern"].startswith("^[a-z0-9]")
    assert "lay_terms" in region["properties"]
    evidence = json_schema()["$defs"]["Evidence"]["properties"]
    assert "moderate" in evidence["certainty"]["enum"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda region: region.update(colour="red"), "Additional properties"),
        (lambda region: region.pop("self_care"), "'self_care' is a required property"),
        (lambda region: region.update(muscles=[]), "should be non-empty"),
        (lambda region: region.update(summary="  "), "does not match"),
        (lambda region: region.update(id="Calf Two"), "does not match"),
        (lambda region: region["techniques"][0].pop("reason"), "'reason' is a required"),
    ],
)
def test_the_schema_refuses_what_validate_refuses(
    tmp_path: Path, validator: Draft202012Validator, change: Any, expected: str
) -> None:
    regions = read_yaml((DATA / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    region = next(region for region in regions if region["id"] == "calf")
    change(region)
    document = {"regions": [region]}
    messages = [error.message for error in validator.iter_errors(document)]
    assert any(expected in message for message in messages), messages
    layer = tmp_path / "calf.yaml"
    layer.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert invoke("validate", str(layer)).exit_code == 1


def test_a_teacher_s_file_that_validate_accepts_keeps_to_the_schema(
    validator: Draft202012Validator,
) -> None:
    assert list(validator.iter_errors(read_yaml(f"{MODELINE}\n{ELBOW}"))) == []
