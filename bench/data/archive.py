"""Unpacking downloaded archives (tar, tar.gz, zip) so that nothing lands outside the target.

Every member is checked before anything is written: an absolute name, a `..` component, a
symbolic or hard link whose target leaves the target folder, or a device or FIFO member makes
the whole archive refused. A single top-level folder (as in GitHub's archives) is stripped, so
that the target folder is the dataset's root. Files are written to a temporary folder beside
the target and moved into place at the end: a failed unpack leaves no half-written dataset.
"""

from __future__ import annotations

import copy
import os
import posixpath
import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.errors import BenchError


@dataclass(frozen=True)
class _Member:
    name: str
    kind: str  # "file", "dir", "symlink" or "hardlink"
    link: str = ""


def unpack(archive: Path, target: Path) -> int:
    """Unpack `archive` into the new or empty folder `target`; return the number of files."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BenchError(f"{target}: exists and is not an empty folder")
    if tarfile.is_tarfile(archive):
        with tarfile.open(archive) as tar:
            return _unpack(archive, target, _tar_members(archive, tar),
                           lambda staging, names, root: _write_tar(tar, staging, names, root))
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zip_file:
            return _unpack(archive, target, _zip_members(zip_file),
                           lambda staging, names, _root: _write_zip(zip_file, staging, names))
    raise BenchError(f"{archive}: not a tar or zip archive")


def _unpack(archive: Path, target: Path, members: list[_Member],
            write: Callable[[Path, dict[str, str], str], None]) -> int:
    root = _common_root([member.name for member in members])
    names = _checked(archive, members, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        write(staging, names, root)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sum(1 for member in members if member.kind == "file" and names[member.name])


def _tar_members(archive: Path, tar: tarfile.TarFile) -> list[_Member]:
    members = []
    for info in tar.getmembers():
        if info.isfile():
            kind = "file"
        elif info.isdir():
            kind = "dir"
        elif info.issym():
            kind = "symlink"
        elif info.islnk():
            kind = "hardlink"
        else:
            raise BenchError(f"{archive}: member {info.name!r} is a device or FIFO; refused")
        members.append(_Member(info.name, kind, info.linkname))
    return members


def _zip_members(zip_file: zipfile.ZipFile) -> list[_Member]:
    members = []
    for info in zip_file.infolist():
        if stat.S_ISLNK(info.external_attr >> 16):
            link = zip_file.read(info).decode("utf-8", errors="strict")
            members.append(_Member(info.filename, "symlink", link))
        else:
            members.append(_Member(info.filename, "dir" if info.is_dir() else "file"))
    return members


def _plain(name: str) -> str:
    while name.startswith("./"):
        name = name[2:]
    return name.rstrip("/")


def _common_root(names: list[str]) -> str:
    """The single top-level folder every member is in (with a trailing "/"), or ""."""
    parts = [_plain(name).split("/", 1) for name in names]
    tops = {part[0] for part in parts}
    if len(tops) != 1 or not any(len(part) == 2 for part in parts):
        return ""
    return f"{tops.pop()}/"


def _strip(name: str, root: str) -> str:
    """`name` below `root`; "" for the root folder itself."""
    name = _plain(name)
    if root and name == root[:-1]:
        return ""
    return name[len(root):] if root and name.startswith(root) else name


def _inside(path: str) -> bool:
    """Whether a relative path stays inside its folder, read lexically."""
    path = path.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return False
    return ".." not in posixpath.normpath(path).split("/")


def _checked(archive: Path, members: list[_Member], root: str) -> dict[str, str]:
    """Each member's path inside the target ("" for the stripped root); raises if one would
    land outside it, or if a member is reached through a link (which could lead anywhere)."""
    names: dict[str, str] = {}
    links: set[str] = set()
    for member in members:
        name = _strip(member.name, root)
        if not _inside(member.name) or ".." in member.name.replace("\\", "/").split("/"):
            raise BenchError(f"{archive}: member {member.name!r} would land outside the "
                             "target; refused")
        parents = [name.rsplit("/", depth)[0] for depth in range(1, name.count("/") + 1)]
        if links.intersection(parents):
            raise BenchError(f"{archive}: member {member.name!r} is inside a link; refused")
        if member.kind in ("symlink", "hardlink"):
            # A symlink is read from its own folder, a hard link from the archive's root.
            link = (posixpath.join(posixpath.dirname(name), member.link)
                    if member.kind == "symlink" else _strip(member.link, root))
            if not _inside(link):
                raise BenchError(f"{archive}: member {member.name!r} links to "
                                 f"{member.link!r}, outside the target; refused")
            links.add(name)
        names[member.name] = name
    return names


def _write_tar(tar: tarfile.TarFile, staging: Path, names: dict[str, str], root: str) -> None:
    for info in tar.getmembers():
        name = names[info.name]
        if not name:
            continue
        renamed = copy.copy(info)
        renamed.name = name
        if info.islnk():
            renamed.linkname = _strip(info.linkname, root)
        # Python's own "data" filter checks each member once more as it is written.
        tar.extract(renamed, staging, set_attrs=False, filter="data")


def _write_zip(zip_file: zipfile.ZipFile, staging: Path, names: dict[str, str]) -> None:
    for info in zip_file.infolist():
        name = names[info.filename]
        if not name:
            continue
        path = staging / name
        if info.is_dir():
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if stat.S_ISLNK(info.external_attr >> 16):
            os.symlink(zip_file.read(info).decode("utf-8"), path)
            continue
        with zip_file.open(info) as source, path.open("wb") as sink:
            shutil.copyfileobj(source, sink)
