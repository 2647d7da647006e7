"""What the desk keeps between requests is read again once the store's files change."""

from __future__ import annotations

from pathlib import Path

from kg.web.index import StoreIndex, stamp


def test_parts_are_kept_until_the_files_change(tmp_path: Path) -> None:
    (tmp_path / "000001.sst").write_bytes(b"x")
    index, builds = StoreIndex(str(tmp_path)), []

    def build() -> int:
        builds.append(1)
        return len(builds)

    assert index.part("n", build) == 1 and index.part("n", build) == 1
    before = stamp(str(tmp_path))
    (tmp_path / "000002.sst").write_bytes(b"y")  # a writer committed
    assert stamp(str(tmp_path)) != before
    assert index.part("n", build) == 2 and index.part("n", build) == 2
    assert StoreIndex(None).part("m", lambda: 5) == 5
