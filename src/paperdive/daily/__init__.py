"""The show runs itself: each announcement day, list arXiv's new papers in the show's
categories, rank them against what the show likes, make the best as episodes, publish once.

    window.py   which submissions an announcement day lists (Eastern cut-offs, weekends)
    listing.py  those papers, through the arXiv export API (paced, with backoff)
    rank.py     offline ranking: arxiv-sanity-lite's TF-IDF + linear SVM (default), MiniLM
    editor.py   with a model configured, it re-ranks the top ten and says why
    run.py      the day's run: decisions on disk, a lock, resumable, idempotent
    show.py     the real show behind it: paperdive.episode and paperdive.publishing
    command.py  what `paperdive daily` prints
"""

from paperdive.daily.run import Daily, DailyBusy, Outcome

__all__ = ["Daily", "DailyBusy", "Outcome"]
