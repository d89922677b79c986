"""Jupyter server extension of the self-study view: ``/course-language/<edition>`` opens an edition.

It sets JupyterLab's interface language as the user's own setting (the file JupyterLab writes when
one picks *Settings → Language*) and redirects to that edition's first lesson. Binder has one
environment for both editions, so its zh launch link uses ``urlpath=course-language/zh-CN``;
``make lab-zh`` uses the config layer binder/jupyter-selfstudy-zh/ instead, which changes no user file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

#: edition -> (JupyterLab locale, first page)
EDITIONS = {
    "en": ("en", "lab/tree/course/00_getting_started.ipynb"),
    "zh-CN": ("zh_CN", "lab/tree/course/zh-CN/00_getting_started.ipynb"),
}
SETTING = Path("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")


def user_settings_dir() -> Path:
    """Where JupyterLab keeps the user's settings (LabApp.user_settings_dir's default)."""
    from jupyterlab.commands import get_user_settings_dir

    return Path(os.environ.get("JUPYTERLAB_SETTINGS_DIR") or get_user_settings_dir())


class EditionHandler(JupyterHandler):
    @web.authenticated
    def get(self, edition: str) -> None:
        if edition not in EDITIONS:
            raise web.HTTPError(404, f"no edition {edition!r}; there are {', '.join(EDITIONS)}")
        locale, first_page = EDITIONS[edition]
        path = user_settings_dir() / SETTING
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"locale": locale}, indent=2), encoding="utf-8")
        self.redirect(url_path_join(self.base_url, first_page))


def _jupyter_server_extension_points():
    return [{"module": "course_language"}]


def _load_jupyter_server_extension(serverapp) -> None:
    route = url_path_join(serverapp.base_url, r"/course-language/([A-Za-z-]+)")
    serverapp.web_app.add_handlers(".*$", [(route, EditionHandler)])
