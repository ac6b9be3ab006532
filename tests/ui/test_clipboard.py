"""ctrl+v in the list reads the real system clipboard (Xvfb + xclip)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.ui.conftest import make_app, titles


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def x_display(monkeypatch):
    if not (shutil.which("Xvfb") and shutil.which("xclip")):
        pytest.skip("needs Xvfb and xclip (apt-get install -y xvfb xclip)")
    number = _free_display()
    server = subprocess.Popen(["Xvfb", f":{number}", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.1)
        else:
            pytest.skip("Xvfb did not start")
        monkeypatch.setenv("DISPLAY", f":{number}")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        import pyperclip

        pyperclip.set_clipboard("xclip")
        yield os.environ["DISPLAY"]
    finally:
        server.terminate()
        server.wait(timeout=5)


async def test_ctrl_v_reads_the_system_clipboard(ko_post, x_display):
    import pyperclip

    pyperclip.copy("https://clip.example.com/from-the-clipboard")
    assert pyperclip.paste() == "https://clip.example.com/from-the-clipboard"
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "ctrl+v")
        for _ in range(30):
            await pilot.pause(0.1)
            if len(titles(app)) == 5:
                break
        assert titles(app)[1] == "From the clipboard"
        assert "[참고링크](https://clip.example.com/from-the-clipboard)" in app.screen.editor.text
