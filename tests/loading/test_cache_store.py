"""The parsed-file store: authenticated entries, no symlinks, no foreign deletions, no hangs."""

from __future__ import annotations

import errno
import hashlib
import importlib
import multiprocessing
import os
import random
import shutil
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.loading import cache as store
from argmap.loading.cache import Cache, code_stamp, user_cache_dir, user_secret

SECRET = bytes(range(32))
OTHER = bytes(range(32, 64))
AS_ROOT = os.geteuid() == 0


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real home and cache directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def entry(cache: Cache, key: bytes) -> Path:
    return cache.folder / cache._name(key)


def snapshot(folder: Path) -> dict[str, tuple[str, bytes, int]]:
    """Every name in a folder with its kind, contents and modification time."""
    found = {}
    for path in folder.iterdir():
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[path.name] = ("link", os.fsencode(path.readlink()), info.st_mtime_ns)
        elif stat.S_ISREG(info.st_mode):
            found[path.name] = ("file", path.read_bytes(), info.st_mtime_ns)
        else:
            found[path.name] = ("other", b"", info.st_mtime_ns)
    return found


def within(seconds: float, function: Callable[[], Any]) -> Any:
    """Run ``function`` in a thread, failing if it has not returned after ``seconds``."""
    results: list[Any] = []
    thread = threading.Thread(target=lambda: results.append(function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the call blocked"
    return results[0]


def age(cache: Cache, keys: list[bytes]) -> None:
    """Give entries increasing modification times an hour in the past, first key oldest."""
    start = time.time_ns() - 3600 * 10**9
    for index, key in enumerate(keys):
        moment = start + index * 10**9
        os.utime(entry(cache, key), ns=(moment, moment))


# -- the per-user secret ---------------------------------------------------------------------


def plant_secret(tmp_path: Path, data: bytes = b"s" * 32, mode: int = 0o600) -> Path:
    folder = tmp_path / "xdg" / "argmap"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret"
    path.write_bytes(data)
    path.chmod(mode)
    return path


def test_user_cache_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert user_cache_dir() == tmp_path / "xdg" / "argmap"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the spec says
    home = tmp_path / "home"
    expected = home / "Library" / "Caches" if sys.platform == "darwin" else home / ".cache"
    assert user_cache_dir() == expected / "argmap"


def test_user_secret_is_created_private_and_kept(tmp_path: Path) -> None:
    first = user_secret()
    assert first is not None
    assert len(first) == 32
    path = tmp_path / "xdg" / "argmap" / "secret"
    assert stat.S_IMODE(path.lstat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.lstat().st_mode) == 0o700
    assert path.read_bytes() == first
    assert user_secret() == first
    assert sorted(p.name for p in path.parent.iterdir()) == ["secret"]  # no temporary left


@pytest.mark.parametrize("mode", [0o644, 0o604, 0o620, 0o660])
def test_secret_open_to_others_is_refused(tmp_path: Path, mode: int) -> None:
    path = plant_secret(tmp_path, mode=mode)
    assert user_secret() is None
    path.chmod(0o600)
    assert user_secret() == b"s" * 32


def test_symlinked_secret_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"s" * 32)
    elsewhere.chmod(0o600)
    path = plant_secret(tmp_path)
    path.unlink()
    path.symlink_to(elsewhere)
    assert user_secret() is None
    assert elsewhere.read_bytes() == b"s" * 32
    path.unlink()  # a dangling link is refused too, and nothing is created through it
    path.symlink_to(tmp_path / "nowhere")
    assert user_secret() is None
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("size", [0, 16, 31, 33, 64])
def test_secret_of_the_wrong_length_is_refused(tmp_path: Path, size: int) -> None:
    path = plant_secret(tmp_path, data=b"s" * size)
    assert user_secret() is None
    path.write_bytes(b"t" * 32)
    assert user_secret() == b"t" * 32


def test_secret_of_another_user_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plant_secret(tmp_path)
    me = os.geteuid()
    with monkeypatch.context() as patch:
        patch.setattr(os, "geteuid", lambda: me + 1)
        assert user_secret() is None
    assert user_secret() == b"s" * 32


def test_secret_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    plant_secret(tmp_path).unlink()
    os.mkfifo(tmp_path / "xdg" / "argmap" / "secret", 0o600)
    assert within(5, user_secret) is None


def test_without_a_trusted_secret_the_cache_is_disabled(tmp_path: Path) -> None:
    secret = plant_secret(tmp_path, mode=0o644)
    folder = tmp_path / "project" / ".argmap_cache"
    cache = Cache(folder)
    assert not cache.enabled
    cache.put(b"key", b"payload")
    assert not folder.exists()
    assert cache.get(b"key") is None
    secret.chmod(0o600)
    trusted = Cache(folder)
    trusted.put(b"key", b"payload")
    assert trusted.get(b"key") == b"payload"


# -- 1. entries are authenticated ------------------------------------------------------------


def test_planted_entry_is_a_miss_and_own_entry_a_hit(tmp_path: Path) -> None:
    folder = tmp_path / "repo" / ".argmap_cache"
    attacker = Cache(folder, secret=OTHER)
    attacker.put(b"key", b"evil")
    victim = Cache(folder, secret=SECRET)
    assert victim.get(b"key") is None
    # Even under the victim's own name (as if the name had leaked) it is not served.
    entry(attacker, b"key").replace(entry(victim, b"key"))
    assert victim.get(b"key") is None
    victim.put(b"key", b"good")
    assert victim.get(b"key") == b"good"


def test_cloned_cache_folder_serves_nothing(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs" / ".argmap_cache"
    author = Cache(theirs, secret=OTHER)
    keys = [b"key %d" % i for i in range(5)]
    for key in keys:
        author.put(key, b"their result")
    clone = tmp_path / "clone" / ".argmap_cache"
    shutil.copytree(theirs, clone)
    mine = Cache(clone, secret=SECRET)
    assert [mine.get(key) for key in keys] == [None] * 5
    assert [Cache(clone, secret=OTHER).get(key) for key in keys] == [b"their result"] * 5


def test_entry_for_one_key_is_not_served_for_another(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"A", b"payload of A")
    cache.put(b"B", b"payload of B")
    shutil.copyfile(entry(cache, b"A"), entry(cache, b"B"))
    assert cache.get(b"B") is None
    assert cache.get(b"A") == b"payload of A"


def test_entry_names_depend_on_the_secret(tmp_path: Path) -> None:
    mine = Cache(tmp_path / "cache", secret=SECRET)
    theirs = Cache(tmp_path / "cache", secret=OTHER)
    assert mine._name(b"key") != theirs._name(b"key")
    assert hashlib.sha256(b"key").hexdigest() not in mine._name(b"key")
    assert mine._name(b"key") == Cache(tmp_path / "other", secret=SECRET)._name(b"key")


# -- 2. never follow a symlink ---------------------------------------------------------------


def test_symlinked_folder_is_never_read_written_or_pruned(tmp_path: Path) -> None:
    target = tmp_path / "Downloads"
    target.mkdir()
    (target / "photo.bin").write_bytes(b"user data")
    (target / ("a" * 64 + ".entry")).write_bytes(b"named like an entry")
    # A valid entry sits in the target: a cache following the link would serve it.
    Cache(target, secret=SECRET).put(b"key", b"payload")
    before = snapshot(target)
    link = tmp_path / "repo" / ".argmap_cache"
    link.parent.mkdir()
    link.symlink_to("../Downloads")
    cache = Cache(link, secret=SECRET, max_entries=1, max_bytes=1)
    assert cache.get(b"key") is None
    for index in range(5):
        cache.put(b"new %d" % index, b"new payload")
    cache.prune()
    assert not cache.enabled
    assert snapshot(target) == before
    assert link.is_symlink()
    assert Cache(target, secret=SECRET).get(b"key") == b"payload"  # the folder itself is fine


def test_dangling_symlinked_folder_is_not_created(tmp_path: Path) -> None:
    link = tmp_path / ".argmap_cache"
    link.symlink_to(tmp_path / "nowhere")
    Cache(link, secret=SECRET).put(b"key", b"payload")
    assert not (tmp_path / "nowhere").exists()
    assert link.is_symlink()


def test_folder_swapped_for_a_symlink_mid_run_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / ".argmap_cache"
    cache = Cache(folder, secret=SECRET)
    cache.put(b"one", b"1")
    folder.rename(tmp_path / "moved")
    target = tmp_path / "target"
    target.mkdir()
    folder.symlink_to(target)
    cache.put(b"two", b"2")
    cache.prune()
    assert list(target.iterdir()) == []
    assert cache.get(b"one") == b"1"
    assert cache.get(b"two") == b"2"
    assert (tmp_path / "moved" / cache._name(b"two")).is_file()


def test_symlinked_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"key", b"payload")
    path = entry(cache, b"key")
    outside = tmp_path / "outside"
    path.rename(outside)
    path.symlink_to(outside)
    assert cache.get(b"key") is None
    path.unlink()
    outside.rename(path)
    assert cache.get(b"key") == b"payload"


# -- 3. never delete a file it did not write -------------------------------------------------


def test_prune_deletes_only_own_least_recently_used_entries(tmp_path: Path) -> None:
    folder = tmp_path / ".argmap_cache"
    folder.mkdir()
    (folder / "photo.bin").write_bytes(b"user data")
    (folder / ("b" * 64 + ".entry")).write_bytes(b"junk named like an entry")
    Cache(folder, secret=OTHER).put(b"theirs", b"another user's entry")
    foreign = snapshot(folder)
    cache = Cache(folder, secret=SECRET, max_entries=4)
    keys = [b"key %d" % i for i in range(6)]
    for key in keys:
        cache.put(key, b"payload")
    age(cache, keys)
    cache.prune()
    # Over the limit, own entries go down to three quarters of it, newest kept.
    assert [entry(cache, key).exists() for key in keys] == [False] * 3 + [True] * 3
    assert {name: snapshot(folder)[name] for name in foreign} == foreign


def test_prune_under_the_limits_deletes_nothing(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET, max_entries=6)
    keys = [b"key %d" % i for i in range(6)]
    for key in keys:
        cache.put(key, b"payload")
    cache.prune()
    assert all(entry(cache, key).exists() for key in keys)


def test_a_hit_keeps_an_entry_from_pruning(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET, max_entries=4)
    keys = [b"key %d" % i for i in range(4)]
    for key in keys:
        cache.put(key, b"payload")
    age(cache, keys)
    assert cache.get(keys[0]) == b"payload"
    cache.put(b"new", b"payload")
    cache.prune()
    kept = [key for key in [*keys, b"new"] if entry(cache, key).exists()]
    assert kept == [keys[0], keys[3], b"new"]


def test_prune_keeps_the_total_size_under_its_limit(tmp_path: Path) -> None:
    size = store._HEADER_BYTES + 100
    cache = Cache(tmp_path / "cache", secret=SECRET, max_bytes=4 * size)
    keys = [b"key %d" % i for i in range(5)]
    for key in keys:
        cache.put(key, b"x" * 100)
    age(cache, keys)
    cache.prune()
    assert [entry(cache, key).exists() for key in keys] == [False, False, True, True, True]


def test_symlinked_entry_is_never_pruned_nor_its_target(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET, max_entries=1)
    cache.put(b"key", b"payload")
    outside = tmp_path / "outside"
    shutil.copyfile(entry(cache, b"key"), outside)  # a genuine own entry, outside the folder
    link = cache.folder / ("c" * 64 + ".entry")
    link.symlink_to(outside)
    for key in (b"a", b"b", b"c"):
        cache.put(key, b"payload")
    cache.prune()
    assert link.is_symlink()
    assert outside.exists()


# -- 4. never open a FIFO or device; bounded reads -------------------------------------------


def test_fifo_named_like_an_entry_is_a_miss_and_does_not_block(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET, max_entries=0)
    cache.put(b"other", b"payload")
    fifo = entry(cache, b"key")
    os.mkfifo(fifo)
    assert within(5, lambda: cache.get(b"key")) is None
    within(5, cache.prune)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    cache.put(b"key", b"payload")  # a put replaces the FIFO by a regular entry
    assert cache.get(b"key") == b"payload"


def test_fifo_holding_a_valid_entry_is_not_read(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"key", b"payload")
    path = entry(cache, b"key")
    raw = path.read_bytes()
    path.unlink()
    os.mkfifo(path)
    keeper = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # keeps the pipe's contents alive
    try:
        writer = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.write(writer, raw)  # a whole, valid entry waits in the pipe, then end of file
        os.close(writer)
        assert within(5, lambda: cache.get(b"key")) is None
    finally:
        os.close(keeper)


def test_folder_named_like_an_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"other", b"payload")
    entry(cache, b"key").mkdir()
    assert cache.get(b"key") is None
    cache.put(b"key", b"payload")  # cannot replace a folder: not stored, no error
    assert cache.get(b"key") is None
    assert entry(cache, b"key").is_dir()


def test_oversized_entry_is_neither_stored_nor_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_ENTRY_BYTES", 1024)
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"fits", b"x" * 1024)
    assert cache.get(b"fits") == b"x" * 1024
    cache.put(b"too big", b"x" * 1025)
    assert not entry(cache, b"too big").exists()
    huge = entry(cache, b"huge")
    shutil.copyfile(entry(cache, b"fits"), huge)
    os.truncate(huge, 1 << 30)  # sparse: a gigabyte named like an entry
    reads: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        reads.append(size)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "read", counting_read)
    assert cache.get(b"huge") is None
    assert reads == []  # refused from its size, before any read


def test_header_claiming_a_huge_payload_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"other", b"payload")
    name = cache._name(b"key")
    start = store._START.pack(store._MAGIC, store._VERSION, cache._owner(name), 1 << 62)
    (cache.folder / name).write_bytes(start + bytes(32) + b"short")
    reads: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        reads.append(size)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "read", counting_read)
    assert cache.get(b"key") is None
    assert max(reads) <= store._HEADER_BYTES


# -- 5. damaged entries are misses -----------------------------------------------------------


@pytest.fixture
def small_entry(tmp_path: Path) -> tuple[Cache, Path, bytes]:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"key", b"0123456789")
    path = entry(cache, b"key")
    return cache, path, path.read_bytes()


def test_truncation_at_every_length_is_a_miss(small_entry: tuple[Cache, Path, bytes]) -> None:
    cache, path, raw = small_entry
    assert len(raw) == store._HEADER_BYTES + 10
    for length in range(len(raw)):
        path.write_bytes(raw[:length])
        assert cache.get(b"key") is None, length
    path.write_bytes(raw)
    assert cache.get(b"key") == b"0123456789"


def test_every_flipped_bit_is_a_miss(small_entry: tuple[Cache, Path, bytes]) -> None:
    cache, path, raw = small_entry
    for bit in range(len(raw) * 8):
        damaged = bytearray(raw)
        damaged[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(damaged)
        assert cache.get(b"key") is None, bit
    path.write_bytes(raw)
    assert cache.get(b"key") == b"0123456789"


def test_trailing_bytes_are_a_miss(small_entry: tuple[Cache, Path, bytes]) -> None:
    cache, path, raw = small_entry
    path.write_bytes(raw + b"\0")
    assert cache.get(b"key") is None


@pytest.mark.parametrize(("name", "value"), [("_MAGIC", b"ARGMAP\x00c"), ("_VERSION", 2)])
def test_entry_of_another_magic_or_version_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: object
) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    with monkeypatch.context() as patch:
        patch.setattr(store, name, value)
        cache.put(b"key", b"payload")
        assert cache.get(b"key") == b"payload"  # served by the format that wrote it
    assert cache.get(b"key") is None


# -- 6. atomic writes, folder creation -------------------------------------------------------


def test_put_creates_the_folder_with_ignore_file_and_tag(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / ".argmap_cache"
    cache = Cache(folder, secret=SECRET)
    assert cache.get(b"key") is None
    assert not folder.exists()  # a get creates nothing
    cache.put(b"key", b"payload")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "*" in (folder / ".gitignore").read_text().splitlines()
    tag = (folder / "CACHEDIR.TAG").read_bytes()
    assert tag.startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted([".gitignore", "CACHEDIR.TAG", cache._name(b"key")])
    assert stat.S_IMODE(entry(cache, b"key").stat().st_mode) == 0o600
    assert cache.get(b"key") == b"payload"


def test_existing_folder_is_used_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "cache-dir"
    folder.mkdir()
    cache = Cache(folder, secret=SECRET)
    cache.put(b"key", b"payload")
    assert sorted(path.name for path in folder.iterdir()) == [cache._name(b"key")]


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"first", b"payload")
    before = sorted(path.name for path in cache.folder.iterdir())

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "no space left")

    with monkeypatch.context() as patch:
        patch.setattr(os, failing, fail)
        cache.put(b"key", b"payload")
    assert sorted(path.name for path in cache.folder.iterdir()) == before
    cache.put(b"key", b"payload")
    assert cache.get(b"key") == b"payload"


def test_put_replaces_a_symlink_at_the_entry_name_without_writing_through(
    tmp_path: Path,
) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"other", b"payload")
    important = tmp_path / "important.txt"
    important.write_bytes(b"keep me")
    path = entry(cache, b"key")
    path.symlink_to(important)
    cache.put(b"key", b"payload")
    assert important.read_bytes() == b"keep me"
    assert not path.is_symlink()
    assert cache.get(b"key") == b"payload"


def test_overwriting_an_entry_replaces_it_whole(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"key", b"a long first payload")
    cache.put(b"key", b"short")
    assert cache.get(b"key") == b"short"


# -- 7. concurrency --------------------------------------------------------------------------


def payload_for(key: bytes) -> bytes:
    """A payload whose length and bytes depend on the key: a half entry cannot pass for it."""
    return hashlib.sha256(key).digest() * (500 + key[-1] * 20)


def worker(folder: str, seed: int, barrier: Any, results: Any) -> None:
    cache = Cache(folder, secret=SECRET, max_entries=8)
    rng = random.Random(seed)
    shared = [b"shared %d" % i for i in range(4)]
    wrong = hits = 0
    barrier.wait()
    for _ in range(300):
        key = rng.choice([*shared, b"own %d %d" % (seed, rng.randrange(4))])
        if rng.random() < 0.5:
            cache.put(key, payload_for(key))
        else:
            found = cache.get(key)
            hits += found is not None
            wrong += found is not None and found != payload_for(key)
        if rng.random() < 0.05:
            cache.prune()
    results.put((wrong, hits))


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method"
)
def test_concurrent_processes_never_see_half_an_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    folder = tmp_path / "cache"
    barrier = context.Barrier(8)
    results = context.Queue()
    processes = [
        context.Process(target=worker, args=(str(folder), seed, barrier, results))
        for seed in range(8)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert sum(wrong for wrong, _ in outcomes) == 0
    assert sum(hits for _, hits in outcomes) > 0
    assert not [path for path in folder.iterdir() if path.name.endswith(".tmp")]


# -- 8. bad input never raises ---------------------------------------------------------------


def test_folder_that_is_a_file_never_raises(tmp_path: Path) -> None:
    folder = tmp_path / ".argmap_cache"
    folder.write_bytes(b"not a folder")
    cache = Cache(folder, secret=SECRET)
    assert cache.get(b"key") is None
    cache.put(b"key", b"payload")
    cache.prune()
    assert folder.read_bytes() == b"not a folder"


def test_folder_under_a_file_never_raises(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    cache = Cache(tmp_path / "file" / ".argmap_cache", secret=SECRET)
    cache.put(b"key", b"payload")
    assert cache.get(b"key") is None


@pytest.mark.skipif(AS_ROOT, reason="root reads and writes regardless of permissions")
def test_unreadable_entry_and_read_only_folder_never_raise(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=SECRET)
    cache.put(b"key", b"payload")
    entry(cache, b"key").chmod(0)
    assert cache.get(b"key") is None
    entry(cache, b"key").chmod(0o600)
    assert cache.get(b"key") == b"payload"
    cache.folder.chmod(0o500)
    try:
        cache.put(b"new", b"payload")
        assert cache.get(b"new") is None
    finally:
        cache.folder.chmod(0o700)


def test_closed_cache_opens_its_folder_again(tmp_path: Path) -> None:
    with Cache(tmp_path / "cache", secret=SECRET) as cache:
        cache.put(b"key", b"payload")
    assert cache.get(b"key") == b"payload"
    cache.close()
    cache.close()


# -- code_stamp ------------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path holding a module and a package with a submodule."""
    folder = tmp_path / "lib"
    (folder / "stamp_pkg" / "inner").mkdir(parents=True)
    (folder / "stamp_mod.py").write_text("raise RuntimeError('imported')\n")
    (folder / "stamp_pkg" / "__init__.py").write_text("")
    (folder / "stamp_pkg" / "inner" / "sub.py").write_text("x = 1\n")
    monkeypatch.syspath_prepend(str(folder))
    importlib.invalidate_caches()
    return folder


def touch_later(path: Path, text: str) -> None:
    """Rewrite a file in place and move its modification time a second on."""
    moment = path.stat().st_mtime_ns + 10**9
    path.write_text(text)
    os.utime(path, ns=(moment, moment))


def test_code_stamp_changes_with_a_module_file_without_importing_it(library: Path) -> None:
    before = code_stamp(["stamp_mod"])
    assert code_stamp(["stamp_mod"]) == before
    assert len(before) == 32
    touch_later(library / "stamp_mod.py", "raise RuntimeError('changed')\n")  # same size
    assert code_stamp(["stamp_mod"]) != before
    assert "stamp_mod" not in sys.modules


def test_code_stamp_covers_every_file_of_a_package(library: Path) -> None:
    before = code_stamp(["stamp_pkg"])
    (library / "stamp_pkg" / "__pycache__").mkdir()
    (library / "stamp_pkg" / "__pycache__" / "sub.cpython-311.pyc").write_bytes(b"\0")
    (library / "stamp_pkg" / "notes.txt").write_text("not code")
    assert code_stamp(["stamp_pkg"]) == before
    touch_later(library / "stamp_pkg" / "inner" / "sub.py", "x = 2\n")
    assert code_stamp(["stamp_pkg"]) != before
    (library / "stamp_pkg" / "new.py").write_text("")
    assert code_stamp(["stamp_pkg"]) != before


@pytest.mark.usefixtures("library")
def test_code_stamp_of_an_unknown_module_is_a_fixed_marker() -> None:
    unknown = code_stamp(["no_such_module_xyz", "no_such_package_xyz.sub"])
    assert unknown == code_stamp(["no_such_module_xyz", "no_such_package_xyz.sub"])
    assert unknown != code_stamp(["stamp_mod", "no_such_package_xyz.sub"])
    assert code_stamp(["stamp_mod", "stamp_pkg"]) != code_stamp(["stamp_pkg", "stamp_mod"])


def test_code_stamp_is_fast() -> None:
    names = ["argmap.loading", "argmap.loading.cache", "yaml", "bibtexparser", "pylatexenc"]
    names += ["pathspec", "attr", "json", "sys", "no_such_module_xyz"]
    code_stamp(names)
    best = min(_timed(lambda: code_stamp(names)) for _ in range(5))
    assert best < 0.05


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start
