"""Global nbgrader configuration of the course hub: install as /etc/jupyter/nbgrader_config.py.

Read by every user's server and nbgrader command (students, instructors, the grading service).
The course's own settings are in the course directory's nbgrader_config.py (the repository's).
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader / Jupyter when they load this file)

# The exchange, shared by all users: install.sh creates it with mode 1777 (anyone may create the
# course folder, nobody may remove another's).
c.Exchange.root = os.environ.get("CV_HUB_EXCHANGE") or "/srv/nbgrader/exchange"
# One course on this hub: students need no --course flag and no nbgrader-<course> group.
c.CourseDirectory.course_id = "customer-value"
