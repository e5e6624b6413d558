"""The episode page in headless Chromium: audio loads, words follow playback, clicks seek."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from publish_episodes import NOW

from paperdive.publishing import PublishResult
from paperdive.publishing.serve import make_server

pytestmark = [pytest.mark.browser, pytest.mark.network_server, pytest.mark.enable_socket]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGE = "episodes/how-deepseek-made-one-user-faster/index.html"
WORD = ".w"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        pytest.skip("chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PAPERDIVE_TEST_ARTIFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def site_url(published: PublishResult) -> Iterator[str]:
    httpd = make_server(published.site, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def episode_page(browser, site_url: str):  # noqa: ANN001 - playwright types are optional
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + PAGE)
    page.wait_for_function("document.querySelector('audio').duration > 0", timeout=15000)
    yield page
    assert errors == []
    page.close()


def current_time(page) -> float:  # noqa: ANN001
    return page.evaluate("document.querySelector('audio').currentTime")


def highlighted(page) -> str:  # noqa: ANN001
    return page.evaluate("document.querySelector('.w.current')?.textContent ?? ''")


def test_seeking_highlights_the_word_being_spoken(episode_page, artifacts: Path) -> None:  # noqa: ANN001
    page = episode_page
    assert page.evaluate("document.querySelector('audio').duration") == pytest.approx(
        14.15, abs=0.2
    )
    word = page.locator(WORD).nth(25)  # in the second chapter
    start = float(word.get_attribute("data-start"))
    page.evaluate(f"document.querySelector('audio').currentTime = {start + 0.05}")
    page.wait_for_function(
        "(start) => document.querySelector('.w.current')?.dataset.start === start",
        arg=word.get_attribute("data-start"),
    )
    assert highlighted(page) == word.text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits a phone
    assert page.locator("[data-now-chapter]").text_content() == "Chapter: What the numbers show"
    page.screenshot(path=str(artifacts / "episode-word-highlighted.png"), full_page=True)


def test_clicking_a_word_seeks_to_it(episode_page) -> None:  # noqa: ANN001
    page = episode_page
    word = page.locator(WORD).nth(30)
    word.click()
    start = float(word.get_attribute("data-start"))
    page.evaluate("document.querySelector('audio').pause()")
    assert current_time(page) == pytest.approx(start, abs=0.3)
    assert highlighted(page) == word.text_content()


def test_clicking_a_chapter_seeks_to_it(episode_page) -> None:  # noqa: ANN001
    page = episode_page
    page.get_by_role("button", name="Play from 00:07: What the numbers show").click()
    page.evaluate("document.querySelector('audio').pause()")
    # It plays on from the chapter until paused: on a busy machine, up to a second later.
    assert 7.6 - 0.3 <= current_time(page) <= 7.6 + 1.0


def test_words_can_be_reached_and_played_from_the_keyboard(episode_page) -> None:  # noqa: ANN001
    page = episode_page
    tab_stops = page.evaluate("[...document.querySelectorAll('.w')].map(w => w.tabIndex)")
    assert tab_stops.count(0) == 1 and tab_stops[0] == 0  # one tab stop for the transcript
    page.locator(WORD).first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == page.locator(WORD).nth(3).text_content()
    page.keyboard.press("Enter")
    page.evaluate("document.querySelector('audio').pause()")
    start = float(page.locator(WORD).nth(3).get_attribute("data-start"))
    assert current_time(page) == pytest.approx(start, abs=0.3)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible


def test_the_site_works_from_the_folder_over_file_urls(
    browser,
    published: PublishResult,
    artifacts: Path,  # noqa: ANN001
) -> None:
    page = browser.new_page()
    page.clock.set_fixed_time(NOW + timedelta(days=1))
    page.goto((published.site / "index.html").as_uri())
    # Built as "9 hr ago"; the page's script recounts from the reader's clock.
    assert page.locator(".episode-card time").first.text_content() == "1 day ago"
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    page.screenshot(path=str(artifacts / "show-page.png"), full_page=True)
    page.locator(".episode-card h3 a").first.click()
    page.wait_for_function("document.querySelector('audio').duration > 0", timeout=15000)
    page.locator(WORD).nth(5).click()
    assert highlighted(page) == page.locator(WORD).nth(5).text_content()
    page.close()


def test_the_highlight_follows_playback(episode_page) -> None:  # noqa: ANN001
    page = episode_page
    page.evaluate("document.querySelector('audio').play()")
    page.wait_for_function("document.querySelector('audio').currentTime > 1.5", timeout=10000)
    state = page.evaluate(
        """() => {
          const audio = document.querySelector('audio');
          audio.pause();
          const word = document.querySelector('.w.current');
          return {time: audio.currentTime, start: parseFloat(word.dataset.start)};
        }"""
    )
    assert state["start"] <= state["time"] < state["start"] + 0.5
