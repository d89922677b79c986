"""`make lab-zh`: the Chinese student view (中文界面) opens the zh edition; Binder's zh link sets the same language."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import servers

ROOT = Path(__file__).resolve().parents[1]
BANNER = re.compile(r"Open: http://127\.0\.0\.1:(\d+)/(lab/tree/course/zh-CN/00_getting_started\.ipynb)\?token=(\w+)")
SETTING = "/lab/api/settings/@jupyterlab/translation-extension:plugin"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Lab:
    def __init__(self, port: int, token: str, settings: Path, workspace: Path):
        self.base, self.token, self.settings = f"http://127.0.0.1:{port}", token, settings
        self.workspace = workspace  # the student's folder the lab serves

    def open(self, path: str, follow: bool = True):
        opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
        try:
            return opener.open(f"{self.base}{path}?token={self.token}", timeout=20)
        except urllib.error.HTTPError as error:
            return error

    def json(self, path: str):
        return json.loads(self.open(path).read().decode())


@pytest.fixture(scope="module")
def lab(tool_env, tmp_path_factory):
    """`make lab-zh` on a workspace and a JupyterLab user-settings folder of its own."""
    base = tmp_path_factory.mktemp("lab-zh")
    env = dict(tool_env, COURSE_WORKSPACE=str(base / "workspace"), COURSE_LAB_PORT=str(servers.free_port()),
               JUPYTERLAB_SETTINGS_DIR=str(base / "user-settings"))
    status = lambda match: f"http://127.0.0.1:{match.group(1)}/api/status?token={match.group(3)}"  # noqa: E731
    with servers.make_lab("lab-zh", env, BANNER, status) as match:
        yield Lab(int(match.group(1)), match.group(3), base / "user-settings", base / "workspace")


def test_it_lands_on_the_zh_lesson(lab):
    assert lab.open("/lab/tree/course/zh-CN/00_getting_started.ipynb").status == 200
    lesson = lab.json("/api/contents/course/zh-CN/00_getting_started.ipynb")
    assert lesson["content"]["cells"][0]["source"].startswith("# 入门")
    assert lab.open("/", follow=False).headers["Location"].split("?")[0].endswith(
        "/lab/tree/course/zh-CN/00_getting_started.ipynb")


def test_the_interface_language_is_chinese(lab):
    schema = lab.json(SETTING)["schema"]
    assert schema["properties"]["locale"]["default"] == "zh_CN", "the zh layer's default setting override"
    languages = lab.json("/lab/api/translations")["data"]
    assert "zh_CN" in languages, f"the language pack is not installed: {sorted(languages)}"
    menus = lab.json("/lab/api/translations/zh_CN")["data"]["jupyterlab"]  # gettext context "menu"
    assert (menus["menu\x04File"], menus["menu\x04Edit"], menus["menu\x04Kernel"]) == (["文件"], ["编辑"], ["内核"])


def test_the_student_view_stays(lab):
    disabled = lab.open("/lab").read().decode().split("disabledExtensions")[1].split("]")[0]
    assert "@jupyter/nbgrader:assignment-list" in disabled and "@jupyter/nbgrader:formgrader" in disabled


def test_binder_zh_link_sets_the_language_and_opens_the_zh_lesson(lab):
    """binder/jupyter-selfstudy/course_language.py, which Binder's zh launch link uses (urlpath)."""
    answer = lab.open("/course-language/zh-CN", follow=False)
    assert answer.status == 302 and answer.headers["Location"].split("?")[0].endswith(
        "/lab/tree/course/zh-CN/00_getting_started.ipynb")
    assert lab.json(SETTING)["settings"]["locale"] == "zh_CN"
    answer = lab.open("/course-language/en", follow=False)
    assert answer.headers["Location"].split("?")[0].endswith("/lab/tree/course/00_getting_started.ipynb")
    assert lab.json(SETTING)["settings"]["locale"] == "en"
    assert lab.open("/course-language/xx", follow=False).status == 404


def test_binder_start_uses_the_layer_with_the_link():
    start = (ROOT / "binder" / "start").read_text()
    assert "binder/jupyter-selfstudy:" in start
