"""The facade for other programs (spasmguide.api): pages as data without the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasmguide import api
from tests.conftest import HOT_STONE_LAYER, NOTICE_WORDS, loads_module


def test_a_lookup_is_a_page_with_its_data_and_the_notice(tmp_path: Path) -> None:
    guide = api.Guide.open(cache_dir=str(tmp_path / "cache"))
    page = guide.lookup("lower back")
    assert page.data["region"]["id"] == "low-back"
    assert NOTICE_WORDS in page.notice
    assert page.sections[0].heading.startswith("Warning signs")


@pytest.mark.parametrize("output", ["text", "markdown", "json", "html"])
def test_every_format_renders_with_the_notice(output: str, tmp_path: Path) -> None:
    page = api.Guide.open(cache_dir=str(tmp_path)).technique("cupping")
    rendered = api.render(page, output)  # type: ignore[arg-type]
    assert NOTICE_WORDS in " ".join(rendered.split())
    if output == "json":
        assert json.loads(rendered)["technique"]["id"] == "cupping"


def test_layers_search_ask_and_lists(tmp_path: Path) -> None:
    layer = tmp_path / "stones.yaml"
    layer.write_text(HOT_STONE_LAYER)
    guide = api.Guide.open([str(layer)], cache_dir=str(tmp_path / "cache"))
    assert "hot-stone" in guide.entries("techniques")
    assert guide.search("stones").data["results"][0]["id"] == "hot-stone"
    assert '"calf"' in json.dumps(guide.ask("my calf cramps at night").data)
    assert guide.list("regions").data["list"] == "regions"
    assert guide.evidence("cupping").data["subject"]["id"] == "cupping"


def test_errors_carry_a_kind_and_a_command_to_try_never_an_exit_code(tmp_path: Path) -> None:
    guide = api.Guide.open(cache_dir=str(tmp_path))
    with pytest.raises(api.NotFoundError) as found:
        guide.lookup("elbow")
    assert found.value.kind == "not-found"
    assert found.value.try_instead == ("ask", "elbow")
    assert not hasattr(found.value, "exit_code")
    with pytest.raises(api.UsageError) as usage:
        guide.lookup()
    assert usage.value.kind == "usage"


def test_the_package_re_exports_the_facade_lazily() -> None:
    import spasmguide

    assert spasmguide.Guide is api.Guide
    assert not loads_module("import spasmguide", "spasmguide.api")
    assert not loads_module("import spasmguide.entry", "spasmguide.api")


def test_the_facade_never_loads_the_command_line() -> None:
    code = (
        "from spasmguide.api import Guide, render\nrender(Guide.open().lookup('neck'), 'markdown')"
    )
    assert not loads_module(code, "typer")
    assert not loads_module(code, "rich")
