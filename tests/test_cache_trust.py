"""Trust only what is yours: a cache or data folder another user owns or can write is not used;
cache entries are opened without following links, must be regular files of bounded size, and
are authenticated with a key only the user can read; the compiled knowledge base is named by a
cryptographic digest of its files (docs/decisions/015-threat-model.md)."""

from __future__ import annotations

import marshal
import os
import stat
import subprocess
import zlib
from pathlib import Path

import pytest

from spasmguide import page_cache, page_recording, user_files
from spasmguide.kb import cache as kb_cache
from spasmguide.kb.layers import shipped_layer
from tests.conftest import HOT_STONE_LAYER, NOTICE_WORDS, invoke
from tests.test_page_cache import COMMAND, keep, printed

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

FORGED_PAGE = b"\x1b]0;pwned-title\x07Neck\n  No warning signs. Crack it yourself, hard.\n"
OTHER_USER = 4242


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(COMMAND), *args],
        capture_output=True,
        env={**os.environ},
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(folder))
    return folder


def _forge_page(entry: Path) -> None:
    """What another user who can write the folder did: an entry with the unkeyed checksum."""
    digest = bytes.fromhex(entry.stem)
    payload = marshal.dumps((page_cache.ENTRY_FORMAT, False, (), FORGED_PAGE), 2)
    checksum = blake2b(payload, digest_size=page_cache.DIGEST_SIZE).digest()
    replacement = entry.with_suffix(".forged")
    replacement.write_bytes(page_cache.MAGIC + digest + checksum + payload)
    os.replace(replacement, entry)


# -- folders -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("how", ["writable by others", "writable by the group", "another owner"])
def test_a_cache_folder_that_is_not_the_users_own_is_not_used(cache: Path, how: str) -> None:
    """Defect 2: a shared cache folder another user can write was trusted."""
    cache.mkdir()
    if how == "writable by others":
        os.chmod(cache, 0o1777)
    elif how == "writable by the group":
        os.chmod(cache, 0o770)
    else:
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(cache, OTHER_USER, OTHER_USER)
    for _ in range(2):
        done = run("lookup", "-r", "neck")
        assert done.returncode == 0
        assert NOTICE_WORDS.encode() in b" ".join(done.stdout.split())
        notes = done.stderr.decode().splitlines()
        assert len(notes) == 1 and notes[0].startswith("spasmguide: note: "), notes
        assert "cache" in notes[0]
    assert os.listdir(cache) == []  # nothing written there


def test_a_subfolder_of_the_cache_that_others_can_write_is_not_used(cache: Path) -> None:
    (cache / "pages").mkdir(parents=True, mode=0o700)
    os.chmod(cache / "pages", 0o777)
    for _ in range(2):
        done = run("lookup", "-r", "neck")
        assert done.returncode == 0
        assert done.stderr.decode().count("spasmguide: note: ") == 1
    assert os.listdir(cache / "pages") == []


def test_a_data_folder_that_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    monkeypatch.setenv("SPASMGUIDE_DATA_DIR", str(data))
    outcome = invoke("quiz", "-n", "1", "--seed", "1")
    assert outcome.exit_code == 0, outcome.stderr
    assert "note:" in outcome.stderr and str(data) in outcome.stderr
    assert os.listdir(data) == []


def test_the_cache_key_is_private_to_the_user(cache: Path) -> None:
    assert invoke("lookup", "-r", "neck").exit_code == 0
    key = Path(user_files.secret_key_path(str(cache)))
    status = key.lstat()
    assert stat.S_ISREG(status.st_mode)
    assert stat.S_IMODE(status.st_mode) == 0o600
    assert status.st_uid == os.geteuid()
    assert status.st_size == user_files.SECRET_BYTES


@pytest.mark.parametrize("how", ["readable by others", "a symlink", "another owner"])
def test_a_key_that_is_not_private_is_never_used(cache: Path, tmp_path: Path, how: str) -> None:
    cache.mkdir(mode=0o700)
    key = Path(user_files.secret_key_path(str(cache)))
    if how == "a symlink":
        elsewhere = tmp_path / "known-key"
        elsewhere.write_bytes(b"k" * user_files.SECRET_BYTES)
        os.chmod(elsewhere, 0o600)
        key.symlink_to(elsewhere)
    else:
        key.write_bytes(b"k" * user_files.SECRET_BYTES)
        os.chmod(key, 0o644 if how == "readable by others" else 0o600)
        if how == "another owner":
            if os.geteuid() != 0:
                pytest.skip("only root can give a file to another user")
            os.chown(key, OTHER_USER, OTHER_USER)
    assert user_files.secret_key(str(cache)) is None


def _key(cache: Path) -> bytes:
    key = user_files.secret_key(str(cache))
    assert key is not None
    return key


# -- page entries ------------------------------------------------------------------------------


def test_a_forged_page_entry_is_never_served(cache: Path) -> None:
    """Defect 2: a page entry with a valid unkeyed checksum was written to the terminal."""
    pages = cache / page_cache.FOLDER_NAME
    shown, entry = keep(pages, printed("lookup", "-r", "neck"))
    _forge_page(entry)
    done = run("lookup", "-r", "neck")
    assert done.returncode == 0
    assert b"pwned" not in done.stdout and b"\x1b" not in done.stdout
    assert done.stdout == shown


@pytest.mark.slow
@pytest.mark.parametrize("what", ["fifo", "dev-zero", "symlink", "huge"])
def test_an_entry_that_is_not_a_regular_file_of_ours_never_hangs_or_floods(
    cache: Path, tmp_path: Path, what: str
) -> None:
    """Defect 2: a FIFO entry hung every run, a link to /dev/zero read until memory ran out."""
    pages = cache / page_cache.FOLDER_NAME
    shown, entry = keep(pages, printed("lookup", "-r", "neck"))
    genuine = pages / "genuine.elsewhere"
    os.replace(entry, genuine)
    if what == "fifo":
        os.mkfifo(entry)
    elif what == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif what == "symlink":  # even a link to an authentic entry is not followed
        stored = page_cache.read_entry(str(genuine), bytes.fromhex(entry.stem), _key(cache))
        assert stored is not None
        marked = page_cache.Entry(b"followed the link\n", stored.paged, stored.stamps)
        assert page_recording.write_entry(str(genuine), bytes.fromhex(entry.stem), marked)
        entry.symlink_to(genuine)
    else:
        with open(entry, "wb") as stream:
            stream.truncate(page_cache.MAX_ENTRY_BYTES + 1)
    done = run("lookup", "-r", "neck", timeout=20)
    assert done.returncode == 0, done.stderr
    assert done.stdout == shown
    assert b"Traceback" not in done.stderr


# -- the compiled knowledge base ---------------------------------------------------------------


def test_a_forged_compiled_knowledge_base_is_never_used(cache: Path) -> None:
    """Defect 2: a `kb-*.bin` with every warning sign removed was trusted."""
    assert invoke("red-flags", "-r", "low back").exit_code == 0
    (target,) = (cache / kb_cache.KB_FOLDER).glob("kb-*.bin")
    key = target.stem.removeprefix("kb-")
    kb = kb_cache.load([shipped_layer()], cache)
    regions = {name: region._replace(red_flags=()) for name, region in kb.regions.items()}
    payload = marshal.dumps(kb_cache.to_plain_tuples(kb._replace(regions=regions)))
    unkeyed = zlib.crc32(payload).to_bytes(4, "big")
    for checksum in (unkeyed, blake2b(payload, digest_size=32).digest()):
        target.write_bytes(kb_cache.MAGIC + key.encode() + b"\n" + checksum + payload)
        outcome = invoke("red-flags", "-r", "low back")
        assert "cauda equina" in outcome.stdout.lower()


@pytest.mark.slow
@pytest.mark.parametrize("what", ["fifo", "dev-zero"])
def test_a_compiled_knowledge_base_that_is_not_a_regular_file_never_hangs(
    cache: Path, what: str
) -> None:
    assert invoke("lookup", "-r", "neck").exit_code == 0
    (target,) = (cache / kb_cache.KB_FOLDER).glob("kb-*.bin")
    target.unlink()
    if what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    done = subprocess.run(
        [str(COMMAND), "red-flags", "-r", "low back"],
        capture_output=True,
        env={**os.environ, page_cache.DISABLE_VARIABLE: "1"},
        timeout=20,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"cauda equina" in done.stdout.lower()


def _same_crc32(original: bytes, body: bytes) -> bytes:
    """`body` plus a comment, of the same length and CRC-32 as `original`: CRC-32 is linear
    over GF(2), so 32 free comment bits can be solved for."""
    bits = 64
    pad = len(original) - len(body) - bits - 2
    assert pad >= 0

    def make(choice: int) -> bytes:
        comment = bytes(0x63 if choice >> i & 1 else 0x61 for i in range(bits))
        return body + b"#" + b" " * pad + comment + b"\n"

    base = zlib.crc32(make(0))
    columns = [zlib.crc32(make(1 << i)) ^ base for i in range(bits)]
    basis: dict[int, tuple[int, int]] = {}
    for i, column in enumerate(columns):
        value, mask = column, 1 << i
        for bit in range(31, -1, -1):
            if not value >> bit & 1:
                continue
            if bit in basis:
                value, mask = value ^ basis[bit][0], mask ^ basis[bit][1]
            else:
                basis[bit] = (value, mask)
                break
    want, choice = zlib.crc32(original) ^ base, 0
    for bit in range(31, -1, -1):
        if want >> bit & 1:
            want, choice = want ^ basis[bit][0], choice ^ basis[bit][1]
    forged = make(choice)
    assert len(forged) == len(original) and zlib.crc32(forged) == zlib.crc32(original)
    return forged


def test_a_layer_of_the_same_length_and_crc32_is_read_afresh(cache: Path, tmp_path: Path) -> None:
    """Defect 6: the compiled cache was keyed by CRC-32, so a forged file kept the old one."""
    unsafe = (
        HOT_STONE_LAYER.replace(
            "cautions: [Stones must not burn.]", "cautions: [None. Stones are safe at any heat.]"
        ).encode()
        + b"#"
        + b" " * 300
        + b"\n"
    )
    benign = HOT_STONE_LAYER.encode()
    layer = tmp_path / "notes.yaml"
    layer.write_bytes(unsafe)
    assert "safe at any heat" in invoke("technique", "hot stone", "--kb", str(layer)).stdout
    layer.write_bytes(_same_crc32(unsafe, benign))
    shown = invoke("technique", "hot stone", "--kb", str(layer)).stdout
    assert "safe at any heat" not in shown
    assert "must not burn" in shown
