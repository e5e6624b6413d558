"""How one line of the paper is voiced: who reads it, and what the other host says first."""

from __future__ import annotations

from collections.abc import Callable

from paperdive.writing.conversation import Conversation, LinePicker, host_lines, join
from paperdive.writing.roles import Role, defined_term
from paperdive.writing.sentences import Sentence

Speak = Callable[[Sentence], str]
ANSWER_LEAD_CHANCE = 0.1  # most lines stand on their own; a few say whose words they are
# Who reads a paper line aloud. Both hosts carry the paper: the explainer its idea and how it
# works, the skeptic the problem, the earlier work and the test setup; other lines go to the
# skeptic while he has said less than his share of the episode's words.
EXPLAINER_ROLES = frozenset({"method", "definition", "proposal"})
SKEPTIC_ROLES = frozenset({"problem", "prior", "setup"})
MAX_SKEPTIC_SHARE = 0.6
ASK_SKEPTIC_CHANCE = 0.5  # how often the explainer asks for a line the skeptic then reads
SKEPTIC_LEAD_CHANCE = 0.3
PICK_UP_CHANCE = 0.4  # how often the explainer picks up from the skeptic's line herself
CONTINUE_MAX_WORDS = 50


def skeptic_reads(talk: Conversation, role: Role, target_share: float) -> bool:
    if role in EXPLAINER_ROLES:
        return False
    share = talk.share("skeptic")
    return share < (MAX_SKEPTIC_SHARE if role in SKEPTIC_ROLES else target_share)


def skeptic_tells(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    role: Role,
    asides: float,
    spoken: Speak,
) -> None:
    """The skeptic reads a line of the paper: running on from his last one, answering the
    explainer's question for it, or bringing it up himself."""
    previous = talk.previous
    in_chapter = previous is not None and previous.chapter == chapter
    telling = in_chapter and previous.host == "skeptic" and talk.last_was_beat
    if telling and len(previous.text.split()) < CONTINUE_MAX_WORDS:
        same_thread = talk.last_role == role
        if (role == "other" and picker.chance(0.6)) or (same_thread and picker.chance(0.35)):
            connector = picker.pick("continuation") if picker.chance(0.5) else None
            talk.say("skeptic", join(connector or "", spoken(beat)), chapter, beat)
            return
    askable = f"ask_{role}" in host_lines()
    asked = askable and picker.chance(ASK_SKEPTIC_CHANCE) and picker.pick(f"ask_{role}")
    if not asked and in_chapter and previous.host == "skeptic":
        asked = picker.pick("question_other")  # his turn is long enough: she prompts him on
    if asked:
        talk.say("explainer", asked, chapter)
        talk.say("skeptic", spoken(beat), chapter, beat)
    else:
        kind = "restate_result" if role in ("result", "comparison") else "skeptic_lead"
        lead = picker.pick(kind) if picker.chance(SKEPTIC_LEAD_CHANCE) else None
        talk.say("skeptic", join(lead or "", spoken(beat)), chapter, beat)
    if role in ("result", "comparison") and picker.chance(asides):
        talk.say("skeptic", picker.pick("skeptic_aside"), chapter)


def explain(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    role: Role,
    pushback: float,
    asides: float,
    spoken: Speak,
) -> None:
    """The skeptic asks what the beat answers (or doubts it), the explainer says it; in a
    critique or debate the skeptic may add a fact-free aside after a result."""
    previous = talk.previous
    in_chapter = previous is not None and previous.chapter == chapter
    if in_chapter and previous.host == "skeptic" and previous.text.endswith("?"):
        talk.say("explainer", spoken(beat), chapter, beat)  # the question already asked
        return
    if in_chapter and previous.host == "explainer" and not talk.beats[chapter] and role == "other":
        talk.say("explainer", spoken(beat), chapter, beat)  # straight on from the chapter's opening
        return
    picks_up = in_chapter and previous.host == "skeptic" and talk.last_was_beat
    if picks_up and picker.chance(PICK_UP_CHANCE):
        # Building on what he just read, not answering a question.
        talk.say("explainer", join(picker.pick("pick_up") or "", spoken(beat)), chapter, beat)
        return
    explaining = in_chapter and previous.host == "explainer" and talk.last_was_beat
    if explaining and len(previous.text.split()) < CONTINUE_MAX_WORDS:
        # A line that needs no question of its own, or one on the same thread, runs on.
        same_thread = talk.last_role == role
        if (role == "other" and picker.chance(0.6)) or (same_thread and picker.chance(0.35)):
            connector = picker.pick("continuation") if picker.chance(0.5) else None
            talk.say("explainer", join(connector or "", spoken(beat)), chapter, beat)
            return
    if in_chapter and previous.host == "explainer" and talk.last_was_beat and picker.chance(0.3):
        talk.say("skeptic", picker.pick("reaction"), chapter)
    talk.say("skeptic", question(picker, beat, role, pushback), chapter)
    lead = picker.pick("answer_lead") if picker.chance(ANSWER_LEAD_CHANCE) else None
    talk.say("explainer", join(lead or "", spoken(beat)), chapter, beat)
    if role in ("result", "comparison") and picker.chance(asides):
        talk.say("skeptic", picker.pick("skeptic_aside"), chapter)


def question(picker: LinePicker, beat: Sentence, role: Role, doubt: float) -> str | None:
    """The question the beat answers: what X is, how it works, what they found, versus what;
    with chance `doubt`, asked as a challenge where the role has one."""
    if role == "definition":
        term = defined_term(beat) or ""
        asked = picker.pick("question_definition", term=term) or picker.pick("question_term")
    else:
        challenged = f"doubt_{role}" in host_lines() and picker.chance(doubt)
        asked = (challenged and picker.pick(f"doubt_{role}")) or picker.pick(f"question_{role}")
    return asked or picker.pick("question_other")


def challenge(
    talk: Conversation, picker: LinePicker, beat: Sentence, chapter: int, spoken: Speak
) -> None:
    """The skeptic voices a weakness the paper admits, and the explainer concedes it."""
    previous = talk.previous
    in_chapter = previous is not None and previous.chapter == chapter
    if in_chapter and previous.host == "skeptic" and not talk.last_was_beat:
        talk.say("explainer", spoken(beat), chapter, beat)  # a question the caveat answers
        return
    if in_chapter and previous.host == "skeptic":
        opener = picker.pick("continuation")
    elif in_chapter and previous.host == "explainer" and not talk.beats[chapter]:
        talk.say("explainer", picker.pick("caveat_prompt"), chapter)
        opener = None
    else:
        opener = picker.pick("challenge")
    talk.say("skeptic", join(opener or "", spoken(beat)), chapter, beat)
    talk.say("explainer", picker.pick("concede"), chapter)
