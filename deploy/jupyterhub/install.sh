#!/usr/bin/env bash
# One-machine set-up of the course hub (docs/jupyterhub.md), as root; safe to run again.
#
#   sudo deploy/jupyterhub/install.sh [COURSE_GIT_URL]
#
# Creates the Unix groups (customer-value-students, customer-value-instructors), the grading account
# and its clone of the course (the nbgrader course directory), the exchange with nbgrader's
# permissions, the global nbgrader configuration, and the Python environment the users' servers run
# from (binder/requirements.txt + this package), unless it exists. It does not create students or
# instructors: `useradd -m -G customer-value-students alice && passwd alice`. Then start the hub:
#   cd /srv/jupyterhub && jupyterhub -f /srv/customer-value/deploy/jupyterhub/jupyterhub_config.py
# The CV_HUB_* variables of jupyterhub_config.py change the paths (tests/test_hub.py uses them).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="${CV_HUB_COURSE_REPO:-$(cd "$here/../.." && pwd)}"   # this checkout; binder/jupyter-student must be readable by all
course_git="${1:-$repo}"                                      # what the grading account clones
course_id=customer-value
python_env="${CV_HUB_PYTHON_ENV:-/srv/customer-value/venv}"
jupyter_etc="${CV_HUB_JUPYTER_ETC:-/etc/jupyter}"
exchange="${CV_HUB_EXCHANGE:-/srv/nbgrader/exchange}"
grader="${CV_HUB_GRADER:-grader-$course_id}"
course_dir="${CV_HUB_COURSE_DIR:-/home/$grader/$course_id}"
state_dir="${CV_HUB_STATE_DIR:-/srv/jupyterhub}"
python="${PYTHON:-python3}"

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 1; }

groupadd -f "$course_id-students"
groupadd -f "$course_id-instructors"
id -u "$grader" >/dev/null 2>&1 || useradd -m -s /bin/bash "$grader"

# The exchange: world-writable with the sticky bit (students create their submissions in it, nobody
# removes another's folder). nbgrader creates customer-value/{outbound,inbound,feedback} on the first
# release with its own modes (0755, 2733, 0711).
install -d -m 0755 "$(dirname "$exchange")"
install -d -m 1777 "$exchange"

install -d -m 0755 "$jupyter_etc"
install -m 0644 "$here/nbgrader_config.py" "$jupyter_etc/nbgrader_config.py"
install -d -m 0700 "$state_dir"

if [ ! -x "$python_env/bin/jupyterhub-singleuser" ]; then
  "$python" -m venv "$python_env"
  "$python_env/bin/python" -m pip install --disable-pip-version-check -r "$repo/binder/requirements.txt"
  "$python_env/bin/python" -m pip install --disable-pip-version-check --no-deps "$repo"
fi

# The course directory: the grading account's own clone of the course (source/, release/, nbgrader_config.py).
if [ ! -d "$course_dir/.git" ]; then
  runuser -u "$grader" -- git clone --quiet "$course_git" "$course_dir"
fi
echo "install.sh: exchange $exchange, course directory $course_dir ($grader), servers from $python_env"
