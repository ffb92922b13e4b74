"""Jinja's cache of compiled templates on disk, between runs: a template is compiled once per
version of hitteplan, Jinja and the sandbox (the key is made in :mod:`generator.zandbak`)."""

from __future__ import annotations

from jinja2.bccache import FileSystemBytecodeCache


class _Schijf(FileSystemBytecodeCache):
    """Jinja's bytecode cache on disk, where a file that cannot be read back (cut short,
    changed, from another Jinja) is compiled again instead of failing the build. The files
    are trusted as Python trusts its own .pyc files: the folder is the user's own (Jinja
    refuses one another user can write to)."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (any damage: compile again, and the file is written anew)
            bucket.reset()


def bytecodecache():
    """Jinja's cache of compiled templates in a folder of this user, or None when there is
    no such folder: then templates are compiled once per run. Deleting the files is always
    safe."""
    try:
        return _Schijf(pattern="hitteplan-%s.cache")
    except (OSError, RuntimeError):
        return None
