"""JupyterHub configuration of tests/test_hub.py: deploy/jupyterhub/jupyterhub_config.py unchanged
(PAM log-in, local-process spawner, Formgrader service, student view), its paths and ports set by the
CV_HUB_* variables the test exports, plus one thing a real class does not have: a service holding an
API token, with which the test creates the load test's users, starts their servers and edits
notebooks through their servers' contents API."""

import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
load_subconfig(os.environ["CV_HUB_PRODUCTION_CONFIG"])  # noqa: F821

c.JupyterHub.services.append({"name": "test-driver", "api_token": os.environ["CV_HUB_TEST_TOKEN"]})
c.JupyterHub.load_roles.append({
    "name": "test-driver",
    "services": ["test-driver"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
})
# The load test starts 30 servers at once on 2 cores.
c.JupyterHub.concurrent_spawn_limit = 40
c.JupyterHub.log_level = "INFO"
# Nothing on fixed ports: the hub's own port (8081) and the proxy's API (8001) are free ones too.
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ['CV_HUB_TEST_HUB_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['CV_HUB_TEST_PROXY_API_PORT']}"
# In `make test` the other pytest worker runs notebooks beside the 30 spawns: give a server more time to
# answer than a quiet class machine needs (deploy's 120 s / 180 s), bounded by the load test's deadline.
c.Spawner.http_timeout = 600
c.Spawner.start_timeout = 600
