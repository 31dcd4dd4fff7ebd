"""The three browser engines practitioners use, behind one small interface.

Practitioners open the helper in Edge or Chrome (Chromium), Firefox, and Safari on an
iPad (WebKit). The cross-engine tests drive each through `EnginePage`, which knows
nothing about the helper: go to an address, run a function in the page, click, type,
tick, choose a file, read what shows, go back and forward. tests/engines/helper.py
builds the helper's steps on it.

- Chromium: Debian's, through Playwright (as the rest of the suite).
- Firefox: Debian's Firefox ESR, through Playwright over WebDriver BiDi
  (channel "moz-firefox"; the pinned Playwright is the newest that works with ESR).
- WebKit: Debian's WebKitGTK MiniBrowser, through its WebKitWebDriver and Selenium, on
  a virtual X display (Xvfb) the tests start themselves.

Downloads are read in the page, not from the browser's download folder: Playwright's
download event does not fire for Firefox over BiDi, and WebKitWebDriver has none. The
page's files are blobs handed to a link with a `download` attribute; CAPTURE_DOWNLOADS
(added to each page by the tests only) keeps each one's name and text as the link is
clicked. The file itself is the page's own, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ENGINES = ("chromium", "firefox", "webkit")

FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
# Debian's libwebkit2gtk-4.1-0 installs its MiniBrowser here (the driver package depends on it).
MINIBROWSER = os.environ.get("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")

# Added to every page the cross-engine tests open (before its scripts where the engine
# allows, else right after it loads): every file the page hands the browser as a download
# is kept in window.__downloads as {name, type, text}. It wraps URL.createObjectURL (to
# know each blob) and HTMLAnchorElement.prototype.click (to see the download start); the
# click still goes through, so the browser downloads the file as it would.
CAPTURE_DOWNLOADS = """(() => {
  if (window.__downloads) return;
  window.__downloads = [];
  window.__downloadsPending = 0;
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = create.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = this.download ? blobs.get(this.href) : null;
    if (blob) {
      const name = this.download;
      window.__downloadsPending += 1;
      blob.text().then((text) => {
        window.__downloads.push({ name, type: blob.type, text });
        window.__downloadsPending -= 1;
      });
    }
    return click.call(this);
  };
})()"""


class EngineError(RuntimeError):
    """An engine could not be started here; the message says what is missing."""


class EnginePage(ABC):
    """One browser tab in a fresh profile (nothing cached, no service worker yet)."""

    engine: str

    @abstractmethod
    def goto(self, url: str) -> None: ...

    @abstractmethod
    def reload(self) -> None: ...

    @abstractmethod
    def back(self) -> None: ...

    @abstractmethod
    def forward(self) -> None: ...

    @abstractmethod
    def call(self, function: str, *args: Any) -> Any:
        """Run a JavaScript function (its source) in the page with `args`; return its
        result (a promise is awaited). Not subject to the page's security policy."""

    @abstractmethod
    def click(self, css: str) -> None:
        """Click the first visible element matching `css`, as a person would."""

    @abstractmethod
    def fill(self, css: str, text: str) -> None:
        """Replace the text in the first visible control matching `css`, by typing."""

    @abstractmethod
    def check(self, css: str) -> None:
        """Tick a radio button or checkbox (if it is not ticked)."""

    @abstractmethod
    def set_file(self, css: str, path: Path) -> None:
        """Choose `path` in a file input."""

    @abstractmethod
    def close(self) -> None: ...

    # ---- built on the above, the same for every engine -------------------------------

    def js(self, expression: str) -> Any:
        return self.call(f"() => ({expression})")

    def wait_until(self, function: str, *args: Any, timeout: float = 30, what: str = "") -> Any:
        """Poll `function` in the page until it returns something truthy; return it."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.call(function, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.engine}: timed out after {timeout} s waiting for {what or function}")
            time.sleep(0.05)

    def wait_for(self, css: str, *, timeout: float = 30, visible: bool = True) -> None:
        condition = ("(css) => [...document.querySelectorAll(css)].some((e) => e.getClientRects().length > 0)"
                     if visible else "(css) => document.querySelector(css) !== null")
        self.wait_until(condition, css, timeout=timeout, what=css)

    def visible(self, css: str) -> bool:
        return bool(self.call(
            "(css) => [...document.querySelectorAll(css)].some((e) => e.getClientRects().length > 0)", css))

    def count(self, css: str) -> int:
        return int(self.call("(css) => document.querySelectorAll(css).length", css))

    def text(self, css: str) -> str:
        """The rendered text of the first visible element matching `css`, or "" (without
        the trailing new line WebKit's innerText gives a block)."""
        return str(self.call(
            "(css) => { const e = [...document.querySelectorAll(css)].find((e) => e.getClientRects().length > 0);"
            " return e ? e.innerText : ''; }", css)).strip()

    def value(self, css: str) -> str:
        return str(self.call("(css) => document.querySelector(css).value", css))

    def checked(self, css: str) -> bool:
        return bool(self.call("(css) => document.querySelector(css).checked", css))

    def capture_downloads(self) -> None:
        """Start keeping the page's downloads (see CAPTURE_DOWNLOADS), if not already."""
        self.call(f"() => {CAPTURE_DOWNLOADS}")

    def downloads(self) -> list[dict[str, str]]:
        """Every file the page has handed over as a download since it loaded."""
        self.wait_until("() => window.__downloads && window.__downloadsPending === 0", what="downloads")
        return list(self.js("window.__downloads"))


# ---- Playwright: Chromium and Firefox ---------------------------------------------------


class PlaywrightPage(EnginePage):
    def __init__(self, engine: str, context: Any) -> None:
        self.engine = engine
        self.context = context
        # Before any of the page's own scripts, on every page this tab opens.
        context.add_init_script(CAPTURE_DOWNLOADS)
        self.page = context.new_page()
        # The page may ask before it is left with answers not yet downloaded; the tests
        # that leave say so themselves (they check the answers were saved first).
        self.page.on("dialog", lambda dialog: dialog.accept())

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def reload(self) -> None:
        self.page.reload()

    # As the browser's own buttons: Playwright's go_back() waits for a navigation event
    # that Firefox over BiDi does not send for a page shown from the back-forward cache.
    # The caller waits for what it expects to see.
    def back(self) -> None:
        self.page.evaluate("() => { setTimeout(() => history.back(), 0); }")

    def forward(self) -> None:
        self.page.evaluate("() => { setTimeout(() => history.forward(), 0); }")

    def call(self, function: str, *args: Any) -> Any:
        # Asked just as the tab moves to another page, the old page's answer is lost: ask
        # the new one.
        for _ in range(50):
            try:
                return self.page.evaluate(f"async (args) => await ({function})(...args)", list(args))
            except Exception as error:  # Playwright's Error; anything else is raised again
                if "context was destroyed" not in str(error):
                    raise
                time.sleep(0.1)
        return self.page.evaluate(f"async (args) => await ({function})(...args)", list(args))

    def _first_visible(self, css: str) -> Any:
        locator = self.page.locator(css).locator("visible=true").first
        locator.wait_for(state="visible")
        return locator

    def click(self, css: str) -> None:
        self._first_visible(css).click()

    def fill(self, css: str, text: str) -> None:
        self._first_visible(css).fill(text)

    def check(self, css: str) -> None:
        self.page.locator(css).first.check()

    def set_file(self, css: str, path: Path) -> None:
        self.page.locator(css).set_input_files(str(path))

    def close(self) -> None:
        self.context.close()


# ---- Selenium: WebKit -------------------------------------------------------------------


class SeleniumPage(EnginePage):
    engine = "webkit"

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        driver.set_script_timeout(60)

    def _after_load(self) -> None:
        # WebKitWebDriver has no way to add a script before the page's own: the capture is
        # added once the page has loaded, before any download button can be pressed.
        self.capture_downloads()

    def goto(self, url: str) -> None:
        self.driver.get(url)
        self._after_load()

    def reload(self) -> None:
        self.driver.refresh()
        self._after_load()

    def back(self) -> None:
        self.driver.back()

    def forward(self) -> None:
        self.driver.forward()

    def call(self, function: str, *args: Any) -> Any:
        # Through JSON so that every engine hands back plain data alike.
        text = self.driver.execute_script(
            f"return Promise.resolve(({function})(...arguments)).then((v) => JSON.stringify(v ?? null))", *args)
        return json.loads(text)

    def _first_visible(self, css: str, timeout: float = 30) -> Any:
        from selenium.webdriver.common.by import By

        deadline = time.monotonic() + timeout
        while True:
            for element in self.driver.find_elements(By.CSS_SELECTOR, css):
                if element.is_displayed():
                    return element
            if time.monotonic() > deadline:
                raise AssertionError(f"webkit: nothing visible matches {css}")
            time.sleep(0.05)

    def _in_view(self, element: Any) -> Any:
        # The theme's header stays at the top of the window; WebKitWebDriver scrolls an
        # element only to the window's edge, under it. A person scrolls it into the middle.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        return element

    def click(self, css: str) -> None:
        self._in_view(self._first_visible(css)).click()

    def fill(self, css: str, text: str) -> None:
        element = self._in_view(self._first_visible(css))
        element.clear()
        if text:
            from selenium.webdriver.common.keys import Keys

            # A new line is the Enter key, as a person types it (WebKitWebDriver drops "\n").
            element.send_keys(text.replace("\n", Keys.ENTER))

    def check(self, css: str) -> None:
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, css)
        # GOV.UK's radios and checkboxes draw their own circle over the real control; a
        # person clicks its label, and clicks again if the page moved under the pointer
        # (WebKitWebDriver clicks where the label was when it scrolled there: a page that
        # is still moving focus to its new heading can move it away).
        for _ in range(3):
            if element.is_selected():
                return
            label = self.driver.find_element(By.CSS_SELECTOR, f"label[for='{element.get_attribute('id')}']")
            self._in_view(label).click()
            deadline = time.monotonic() + 1
            while not element.is_selected() and time.monotonic() < deadline:
                time.sleep(0.05)
        if not element.is_selected():
            raise EngineError(f"webkit: clicking the label of {css} three times did not tick it")

    def set_file(self, css: str, path: Path) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, css).send_keys(str(path))

    def close(self) -> None:
        self.driver.quit()


# ---- starting the engines ---------------------------------------------------------------


def missing(engine: str) -> str | None:
    """What this machine lacks to run `engine`, or None."""
    needs = {
        "firefox": [(FIREFOX, "Firefox ESR (apt-get install firefox-esr, or set FIREFOX)")],
        "webkit": [(WEBKIT_DRIVER, "WebKitWebDriver (apt-get install webkit2gtk-driver)"),
                   (MINIBROWSER, "WebKitGTK's MiniBrowser (apt-get install libwebkit2gtk-4.1-0, or set MINIBROWSER)"),
                   ("Xvfb", "Xvfb (apt-get install xvfb)")],
    }.get(engine, [])
    for path, what in needs:
        if not (Path(path).is_file() or shutil.which(path)):
            return f"{engine}: {what} is not installed"
    return None


def launch_firefox(playwright: Any) -> Any:
    return playwright.firefox.launch(channel="moz-firefox", executable_path=FIREFOX, headless=True)


@contextmanager
def virtual_display() -> Iterator[str]:
    """An X display of its own (Xvfb picks a free number), for WebKitGTK, which has no
    headless mode. Yields the DISPLAY value."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            number = pipe.readline().decode().strip()
        if not number:
            raise EngineError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def webkit_session(display: str, env: dict[str, str] | None = None) -> Any:
    """A new MiniBrowser, driven by WebKitWebDriver: a fresh profile each time (in
    automation mode MiniBrowser keeps nothing on disk). `env` is added to the browser's
    environment (make bench passes JavaScriptCore's JSC_* options through it)."""
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, **(env or {}), "DISPLAY": display})
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_window_size(1280, 900)
    return driver

