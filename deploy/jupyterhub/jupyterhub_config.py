"""JupyterHub for a class of the Customer Value Analysis course on one machine (docs/jupyterhub.md).

Run as root (it starts each user's server as that OS user): `jupyterhub -f jupyterhub_config.py`.

- Log-in: PAM, the machine's own accounts. Students are the members of the Unix group
  `customer-value-students`, instructors and teaching assistants of `customer-value-instructors`
  (deploy/jupyterhub/install.sh creates both; add people with `useradd -m -G <group> <name>`).
- Students' servers run the course's student view (binder/jupyter-student: no Formgrader, no Create
  Assignment, no course list, no cell toolbar); they get the course with an nbgitpuller link.
- Formgrader runs as a hub service named after the course id, as the grading account, in the course
  directory; the hub group `formgrade-customer-value` (the instructors) may open it at
  /services/customer-value/.
- Everyone's nbgrader reads the global nbgrader_config.py beside this file, installed in /etc/jupyter
  (exchange root and course id).

The paths below are the defaults of docs/jupyterhub.md; each can be changed with the environment
variable named beside it (tests/test_hub.py runs this file unchanged with its own paths and ports).
"""

import grp
import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

COURSE_ID = "customer-value"


def setting(name: str, default: str) -> str:
    return os.environ.get(f"CV_HUB_{name}") or default


# The Python environment every single-user server and the grading service run from: a venv with
# binder/requirements.txt and the course package installed (install.sh builds it).
PYTHON_ENV = setting("PYTHON_ENV", "/srv/customer-value/venv")
# A checkout of this repository readable by everyone: the student view lives in binder/jupyter-student.
COURSE_REPO = setting("COURSE_REPO", "/srv/customer-value")
# Where the global nbgrader_config.py is (nbgrader reads /etc/jupyter by itself; another folder is
# added to JUPYTER_CONFIG_PATH of every server).
JUPYTER_ETC = setting("JUPYTER_ETC", "/etc/jupyter")
# The grading account and its clone of the course (the nbgrader course directory).
GRADER = setting("GRADER", f"grader-{COURSE_ID}")
COURSE_DIR = setting("COURSE_DIR", f"/home/{GRADER}/{COURSE_ID}")
SERVICE_PORT = int(setting("SERVICE_PORT", "9999"))
# The hub's own state: its database and cookie secret.
STATE_DIR = setting("STATE_DIR", "/srv/jupyterhub")

STUDENTS_GROUP = f"{COURSE_ID}-students"  # Unix groups
INSTRUCTORS_GROUP = f"{COURSE_ID}-instructors"
FORMGRADERS = f"formgrade-{COURSE_ID}"  # hub group: nbgrader needs the name formgrade-<course id>
STUDENT_VIEW = os.path.join(COURSE_REPO, "binder", "jupyter-student")
# In front of the student view: makes its server configuration loadable by jupyterhub-singleuser
# (see the docstring of student-view/jupyter_server_config.py).
HUB_STUDENT_LAYER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "student-view")


def unix_group_members(name: str) -> list[str]:
    try:
        return sorted(grp.getgrnam(name).gr_mem)
    except KeyError:
        return []


def environment(*config_path: str) -> dict[str, str]:
    """What every server gets: the course environment first on PATH (nbgrader runs `jupyter`), the
    Jupyter configuration folders, and the exchange root when it is not the default."""
    folders = [*config_path, *([JUPYTER_ETC] if JUPYTER_ETC != "/etc/jupyter" else [])]
    env = {"PATH": f"{PYTHON_ENV}/bin:/usr/local/bin:/usr/bin:/bin"}
    if folders:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(folders)
    if os.environ.get("CV_HUB_EXCHANGE"):  # read by the global nbgrader_config.py
        env["CV_HUB_EXCHANGE"] = os.environ["CV_HUB_EXCHANGE"]
    return env


# --- hub, proxy, state ---------------------------------------------------------------------------

c.JupyterHub.db_url = f"sqlite:///{STATE_DIR}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE_DIR}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = f"{STATE_DIR}/jupyterhub-proxy.pid"
# configurable-http-proxy from npm (`npm install -g configurable-http-proxy`), on PATH or named here.
c.ConfigurableHTTPProxy.command = [setting("PROXY", "configurable-http-proxy")]
# Serve on port 8000 of every interface: put TLS in front (a reverse proxy, or c.JupyterHub.ssl_cert/_key).
c.JupyterHub.bind_url = setting("BIND_URL", "http://:8000")

# --- who may log in ------------------------------------------------------------------------------

c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {STUDENTS_GROUP, INSTRUCTORS_GROUP}
c.Authenticator.admin_users = set(unix_group_members(f"{COURSE_ID}-admins"))

# --- instructors: Formgrader as a service --------------------------------------------------------

c.JupyterHub.load_groups = {FORMGRADERS: {"users": unix_group_members(INSTRUCTORS_GROUP)}}
c.JupyterHub.load_roles = [
    {
        "name": FORMGRADERS,
        "groups": [FORMGRADERS],
        "scopes": [f"access:services!service={COURSE_ID}", "list:services", f"read:services!service={COURSE_ID}"],
    },
    # nbgrader's course list (instructors' own servers) asks the hub which services its user may reach.
    {"name": "server", "scopes": ["inherit"]},
]
c.JupyterHub.services = [
    {
        "name": COURSE_ID,
        "url": f"http://127.0.0.1:{SERVICE_PORT}",
        "command": [f"{PYTHON_ENV}/bin/jupyterhub-singleuser"],
        "user": GRADER,
        "cwd": COURSE_DIR,
        "oauth_no_confirm": True,
        # The grading account keeps nbgrader's instructor panels: no student view here.
        "environment": dict(environment(), JUPYTERHUB_DEFAULT_URL="/formgrader"),
    }
]

# --- everyone's own server -----------------------------------------------------------------------

c.JupyterHub.spawner_class = "localprocess"  # each server runs as its user's OS account
c.Spawner.cmd = [f"{PYTHON_ENV}/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180


def student_view(spawner) -> None:
    """Students get the student view; instructors (hub group formgrade-customer-value) do not."""
    groups = {group.name for group in spawner.user.groups}
    if FORMGRADERS in groups:
        spawner.environment = dict(spawner.environment, **environment())
    else:
        spawner.environment = dict(spawner.environment, **environment(HUB_STUDENT_LAYER, STUDENT_VIEW),
                                   CV_STUDENT_VIEW=STUDENT_VIEW)


c.Spawner.pre_spawn_hook = student_view
