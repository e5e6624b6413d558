"""script.txt: the script as plain text a person can edit, and its parser.

    # Episode title
    ## 1. Chapter title
    NORA: A line the explainer speaks.
    THEO: A line the skeptic speaks.

A line that starts with neither a heading nor a host label continues the previous turn.
"""

from __future__ import annotations

import re

from paperdive.errors import WriteError
from paperdive.models import ChapterHeading, HostRole, Script, Turn

_CHAPTER = re.compile(r"^##\s*(\d+)\.\s*(.+)$")
_SPEAKER = re.compile(r"^([^:\s][^:]{0,40}):\s*(.*)$")


def render(script: Script) -> str:
    lines = [f"# {script.title}", ""]
    for index, chapter in enumerate(script.chapters):
        lines.append(f"## {index + 1}. {chapter.title}")
        for turn in (t for t in script.turns if t.chapter == index):
            lines.append(f"{script.hosts[turn.host].upper()}: {turn.text}")
        lines.append("")
    return "\n".join(lines)


def parse(text: str, template: Script) -> Script:
    """The edited script; chapters, hosts and source references carry over from `template`."""
    roles: dict[str, HostRole] = {name.upper(): role for role, name in template.hosts.items()}
    descriptions = {c.title: c.description for c in template.chapters}
    refs_by_text = {t.text: t.source_refs for t in template.turns}
    title = template.title
    chapters: list[ChapterHeading] = []
    turns: list[Turn] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            title = line[2:].strip()
            continue
        heading = _CHAPTER.match(line)
        if heading:
            name = heading.group(2).strip()
            chapters.append(ChapterHeading(title=name, description=descriptions.get(name, "")))
            continue
        speaker = _SPEAKER.match(line)
        if speaker and speaker.group(1).strip().upper() in roles:
            if not chapters:
                raise WriteError(f"script.txt line {number}: a line comes before any '## 1. …'")
            role = roles[speaker.group(1).strip().upper()]
            turns.append(Turn(host=role, text=speaker.group(2).strip(), chapter=len(chapters) - 1))
        elif speaker and speaker.group(1).isupper():
            names = ", ".join(sorted(roles))
            raise WriteError(
                f"script.txt line {number}: unknown host '{speaker.group(1)}' (use {names})"
            )
        elif turns:
            turns[-1].text = f"{turns[-1].text} {line}"
        else:
            raise WriteError(f"script.txt line {number}: expected '## N. Title' or 'NAME: text'")
    turns = [t for t in turns if t.text]
    if not turns:
        raise WriteError("script.txt has no lines to speak")
    # A heading left without lines would become an empty chapter mark in the audio: drop it.
    spoken = sorted({t.chapter for t in turns})
    renumber = {old: new for new, old in enumerate(spoken)}
    for turn in turns:
        turn.source_refs = refs_by_text.get(turn.text, [])
        turn.chapter = renumber[turn.chapter]
    chapters = [chapters[i] for i in spoken]
    return template.model_copy(update={"title": title, "chapters": chapters, "turns": turns})
