"""Students' servers on the hub: the course's student view (binder/jupyter-student) under
jupyterhub-singleuser, with two changes a hub needs.

1. jupyterhub-singleuser (6.1) reads ServerApp.tornado_settings as a plain dict when it starts
   (`'log_function' in ...`) and fails with "argument of type 'LazyConfigValue' is not iterable"
   when a config file extends it with `.update()`, as binder/jupyter-student/jupyter_server_config.py
   does (it adds the course's custom.css folder). This file loads the student view's file and turns
   its pending update into a plain dict.
2. The student view lands on course/00_getting_started.ipynb, relative to the server's root: right
   for `make lab` and Binder (the root is the repository), a "Could not find path" dialog on a hub
   (the root is the student's home, the course is in ~/customer-value once nbgitpuller has pulled it).
   jupyterhub-singleuser prefers a default_url from the user's configuration to the hub's
   (c.Spawner.default_url, JUPYTERHUB_DEFAULT_URL): the hub's is put back here.

jupyterhub_config.py puts this folder in front of the student view on students' JUPYTER_CONFIG_PATH
(the first folder on the path has the last word). Nothing else changes; the student view's JSON
files (disabled extensions and server extensions) are read from their own folder as usual.
"""

import os

from traitlets.config import LazyConfigValue

c = get_config()  # noqa: F821 (defined by the config loader)
load_subconfig(os.path.join(os.environ["CV_STUDENT_VIEW"], "jupyter_server_config.py"))  # noqa: F821

if isinstance(c.ServerApp.get("tornado_settings"), LazyConfigValue):
    c.ServerApp.tornado_settings = c.ServerApp.tornado_settings.get_value({})

c.ServerApp.default_url = c.LabApp.default_url = os.environ.get("JUPYTERHUB_DEFAULT_URL") or "/lab"
