"""The writing pipeline: a paper's close reading, planned, written as a two-host script,
checked against the paper, revised, and summed up in show notes.

    written = write_script([paper], EpisodeDir("show/my-episode"), minutes=20)
    script, review = current_script(episode, [paper])  # honours edits to script.txt
"""

from paperdive.writing.pipeline import STAGES, Written, current_script, write_script

__all__ = ["STAGES", "Written", "current_script", "write_script"]
