// Keeps "9 hr ago" labels true when the page is read long after it was built.
// Mirrors relative_date() in paperdive/publishing/render.py.
(() => {
  "use strict";
  const RELATIVE_DATE_DAYS = 7;
  const longDate = (when) =>
    when.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

  function relativeDate(when, now) {
    const seconds = (now - when) / 1000;
    if (seconds < 60) return "just now";
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)} hr ago`;
    const days = Math.floor(seconds / 86400);
    if (days < RELATIVE_DATE_DAYS) return days === 1 ? "1 day ago" : `${days} days ago`;
    return longDate(when);
  }

  function refresh() {
    const now = new Date();
    for (const el of document.querySelectorAll("time[data-relative]")) {
      const when = new Date(el.getAttribute("datetime"));
      if (!Number.isNaN(when.getTime())) el.textContent = relativeDate(when, now);
    }
  }

  refresh();
  setInterval(refresh, 60 * 1000);
})();
