"""Student view: serve the course's custom.css (custom/ beside this file).

JupyterLab loads <base_url>/custom/custom.css when LabApp.custom_css is true (set in
jupyter_server_config.json beside this file), but the server looks for it only in the user's own
Jupyter config folder (~/.jupyter/custom). This adds the course's folder first, keeping the user's.
"""

import os

from jupyter_core.paths import jupyter_config_dir

c = get_config()  # noqa: F821  (defined by the config loader)
c.ServerApp.tornado_settings.update({  # merged with tornado_settings set elsewhere
    "static_custom_path": [
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "custom"),
        os.path.join(jupyter_config_dir(), "custom"),
    ],
})
