"""The knowledge base ships inside the wheel: build it, install it alone, run a lookup elsewhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _pip(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (REPO / "pyproject.toml").exists():
        pytest.skip("needs the source checkout")
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO))
    (found,) = out.glob("spasmguide-*.whl")
    return found


def test_the_wheel_holds_the_knowledge_base(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(path.name for path in (REPO / "data").glob("*.yaml"))
    assert shipped
    for name in shipped:
        assert f"spasmguide/data/{name}" in names
    version = wheel.name.split("-")[1]
    assert f"spasmguide-{version}.data/data/share/man/man1/spasmguide.1" in names


def test_the_installed_wheel_answers_a_lookup_from_any_directory(
    wheel: Path, tmp_path: Path
) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    _pip("--python", str(python), "install", "--no-deps", "-q", str(wheel))
    # Dependencies come from this test run's environment; the package only from the wheel.
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site_packages, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(environment / "bin" / "spasmguide"), "lookup", "--region", "neck"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Licensed Acupuncturist" in result.stdout
    if shutil.which("man"):  # the man page is found beside the environment's bin folder
        found = subprocess.run(
            ["man", "-w", "spasmguide"],
            capture_output=True,
            text=True,
            env={"PATH": f"{environment / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)},
            timeout=60,
            check=False,
        )
        assert found.returncode == 0, found.stderr
        assert (
            Path(found.stdout.strip()).resolve()
            == (environment / "share" / "man" / "man1" / "spasmguide.1").resolve()
        )
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import spasmguide, pathlib; print(pathlib.Path(spasmguide.__file__).resolve())",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
    ).stdout
    assert str(environment.resolve()) in where
