"""ID3 chapters as ffmpeg-based tools list them: in the order they play."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from voice_fakes import speechlike

from paperdive.audio.master import encode_mp3
from paperdive.audio.pcm import PcmWriter
from paperdive.audio.tags import EpisodeTags, write_id3
from paperdive.models import ChapterMark

# Titles whose sizes are out of time order: mutagen alone wrote the short ones first.
TITLES = [
    "An opening chapter with a rather long title",
    "Short",
    "A middling title",
    "Why",
    "The longest chapter title of them all, at the very end",
]


def test_ffprobe_lists_chapters_in_time_order(tmp_path: Path) -> None:
    if shutil.which("ffprobe") is None:
        pytest.skip("ffprobe is not installed")
    mp3 = tmp_path / "episode.mp3"
    with PcmWriter(tmp_path / "speech.f32") as pcm:
        pcm.write(speechlike(30, rate=44100))
    encode_mp3(pcm.path, mp3)
    chapters = [
        ChapterMark(title=title, start=i * 1.5, end=(i + 1) * 1.5) for i, title in enumerate(TITLES)
    ]
    write_id3(mp3, EpisodeTags(title="t", show="s", artist="a"), chapters)
    probed = json.loads(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )["chapters"]
    assert [c["tags"]["title"] for c in probed] == TITLES
    assert [float(c["start_time"]) for c in probed] == [c.start for c in chapters]
