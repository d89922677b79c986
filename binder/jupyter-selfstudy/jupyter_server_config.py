"""Self-study view: makes course_language.py beside this file importable by the server (the kernels'
path is unchanged); jupyter_server_config.d/course_language.json enables it (/course-language/<edition>)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
