// "Follow every word": highlights the word being spoken, and seeks when a word or a
// chapter timestamp is clicked or activated from the keyboard.
(() => {
  "use strict";
  const audio = document.querySelector("audio[data-player]");
  if (!audio) return;
  const data = JSON.parse(document.getElementById("player-data").textContent);
  const transcript = document.querySelector("[data-transcript]");
  const words = transcript ? Array.from(transcript.querySelectorAll(".w")) : [];
  const starts = words.map((w) => parseFloat(w.dataset.start));
  const ends = words.map((w) => parseFloat(w.dataset.end));
  const chapterStarts = data.chapters.map((c) => c.start);
  const chapterLabel = document.querySelector("[data-now-chapter]");
  let current = -1;
  let chapter = -1;

  // Index of the last item starting at or before t (binary search), or -1.
  function lastStartingBy(times, t) {
    let lo = 0, hi = times.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function showWord(t) {
    let i = lastStartingBy(starts, t);
    if (i === words.length - 1 && t > ends[i]) i = -1;
    if (i === current) return;
    if (current >= 0) {
      words[current].classList.remove("current");
      words[current].removeAttribute("aria-current");
    }
    current = i;
    if (i < 0) return;
    const word = words[i];
    word.classList.add("current");
    word.setAttribute("aria-current", "true");
    if (!audio.paused && transcript.contains(document.activeElement) === false) {
      const box = word.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) word.scrollIntoView({ block: "center" });
    }
  }

  function showChapter(t) {
    const i = lastStartingBy(chapterStarts, t);
    if (i === chapter || !chapterLabel) return;
    chapter = i;
    chapterLabel.textContent = i >= 0 ? `Chapter: ${data.chapters[i].title}` : "";
  }

  function update() {
    showWord(audio.currentTime);
    showChapter(audio.currentTime);
  }

  function follow() {
    update();
    if (!audio.paused) requestAnimationFrame(follow);
  }

  function seek(seconds) {
    audio.currentTime = seconds;
    update();
    audio.play().catch(() => {}); // autoplay may be refused; the position is still set
  }

  function focusWord(i) {
    const next = words[Math.max(0, Math.min(words.length - 1, i))];
    for (const w of transcript.querySelectorAll('.w[tabindex="0"]')) w.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }

  // Words become focusable only with this script (without it they are plain text): one
  // tab stop for the whole transcript, arrow keys move between words (roving tabindex).
  words.forEach((w, i) => { w.tabIndex = i === 0 ? 0 : -1; });

  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("play", follow);

  for (const button of document.querySelectorAll("[data-seek]")) {
    button.addEventListener("click", () => seek(parseFloat(button.dataset.seek)));
  }

  if (transcript) {
    transcript.addEventListener("click", (event) => {
      const word = event.target.closest(".w");
      if (word) seek(parseFloat(word.dataset.start));
    });
    transcript.addEventListener("keydown", (event) => {
      const i = words.indexOf(event.target);
      if (i < 0) return;
      if (event.key === "Enter" || event.key === " ") seek(starts[i]);
      else if (event.key === "ArrowRight" || event.key === "ArrowDown") focusWord(i + 1);
      else if (event.key === "ArrowLeft" || event.key === "ArrowUp") focusWord(i - 1);
      else if (event.key === "Home") focusWord(0);
      else if (event.key === "End") focusWord(words.length - 1);
      else return;
      event.preventDefault();
    });
  }
})();
