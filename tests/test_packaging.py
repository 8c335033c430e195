"""The built wheel carries the gold set, usable without a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import REFERENCE_ID, ROOT


def test_wheel_bundles_the_gold_set(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("boilerbench-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert f"bench/_gold/{REFERENCE_ID}.html" in names
    assert f"bench/_gold/{REFERENCE_ID}.toml" in names
    assert not any(name.startswith(("tests/", "gold/", ".venv")) for name in names)
    gold_count = sum(1 for name in names if name.startswith("bench/_gold/")
                     and name.endswith(".toml"))
    assert gold_count == len(list((ROOT / "gold").glob("*.toml")))

    # Run from outside the checkout with only the unpacked wheel on the path.
    script = ("from bench.gold.format import bundled_gold_dir, load_gold; "
              "print(bundled_gold_dir()); print(len(load_gold()))")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = subprocess.run([sys.executable, "-c", script],
                            cwd=tmp_path, env=env, check=True, capture_output=True, text=True)
    where, count = result.stdout.split()
    assert where == str(tmp_path / "site" / "bench" / "_gold")
    assert int(count) == gold_count
