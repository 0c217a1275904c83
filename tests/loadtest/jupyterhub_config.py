# JupyterHub 3.0 (Debian bookworm) on one machine, for a classroom that uses the
# stepwise Go kernel. This is the configuration docs/classroom.md walks through;
# tests/loadtest runs it as is. Everything that differs between machines comes
# from the environment so the same file serves the guide and the load test:
#
#   CLASSROOM_DIR      state (database, cookie secret, pid files) and, under
#                      CLASSROOM_DIR/home/<student>, the students' homes
#   CLASSROOM_PORT     the public port of the proxy on 127.0.0.1 (default 8000)
#   CLASSROOM_HUB_PORT / CLASSROOM_API_PORT   internal ports (default 8081 / 8001)
#   CLASSROOM_NODELAY  "0" leaves Nagle's algorithm on kernel websockets (for measuring)
#   CLASSROOM_PASSWORD the one password of the dummy authenticator (default: none)
#   CLASSROOM_SPAWN_LIMIT, CLASSROOM_START_TIMEOUT, CLASSROOM_HTTP_TIMEOUT
#                      servers starting at once (20), and the two timeouts (180 s, 120 s)
#   CLASSROOM_CULL_KERNEL, CLASSROOM_CULL_SERVER
#                      idle seconds before a kernel (3600) or a server (7200) stops
#   CLASSROOM_KERNEL_TRANSPORT  "ipc" (default) or "tcp"
#   CLASSROOM_RUNTIME_ROOT      a short directory for the kernels' socket files
#   CLASSROOM_MEM_LIMIT         Spawner.mem_limit (a hint only, with local processes)
import os

c = get_config()  # noqa: F821 (provided by JupyterHub)

state = os.environ.get("CLASSROOM_DIR", "/srv/jupyterhub")
here = os.path.dirname(os.path.abspath(__file__))

# Network: everything on the loopback interface.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ.get("CLASSROOM_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("CLASSROOM_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ.get(
    "CLASSROOM_API_PORT", "8001"
)

# Debian's configurable-http-proxy finds its node modules in /usr/share/nodejs:
# Debian's node looks there by itself, another node (NodeSource, nvm) only with
# NODE_PATH. The hub hands its own environment to the proxy it starts.
os.environ.setdefault("NODE_PATH", "/usr/share/nodejs")

# State files live together instead of in the current directory.
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")

# Who may log in. The dummy authenticator accepts any name (and the shared
# password, when set): fine for a test or a closed lab, not for the internet.
# A real course uses PAM (the default), LDAP or OAuth instead.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("CLASSROOM_PASSWORD", "")

# How servers start. SimpleLocalProcessSpawner runs every student's server as the
# hub's own unix user with HOME=CLASSROOM_DIR/home/<name>; the default
# LocalProcessSpawner (real unix users, hub as root) is the production choice.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "home", "{username}")
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.default_url = "/tree"
if os.getuid() == 0:
    c.Spawner.args = ["--allow-root"]
# Kernel websockets send each message at once instead of waiting ~40 ms for
# an ACK (Nagle's algorithm): see classroom_nodelay.py.
if os.environ.get("CLASSROOM_NODELAY", "1") != "0":
    c.Spawner.args = list(c.Spawner.args) + [
        "--NotebookApp.config_file=" + os.path.join(here, "classroom_nodelay.py")
    ]
# Idle culling with what Debian ships (no extra package): each notebook server
# shuts down kernels idle for an hour, even with the browser tab still open,
# and then stops itself after two hours without activity; the hub notices and
# frees the memory. (jupyterhub-idle-culler, a hub service from PyPI, does the
# same from the hub's side; Zero to JupyterHub runs it for you.)
cull_kernel = int(os.environ.get("CLASSROOM_CULL_KERNEL", "3600"))
cull_server = int(os.environ.get("CLASSROOM_CULL_SERVER", "7200"))
c.Spawner.args = list(c.Spawner.args) + [
    "--MappingKernelManager.cull_idle_timeout=%d" % cull_kernel,
    "--MappingKernelManager.cull_interval=%d" % max(5, min(300, cull_kernel // 4)),
    "--MappingKernelManager.cull_connected=True",
    "--NotebookApp.shutdown_no_activity_timeout=%d" % cull_server,
]
# How notebook servers talk to their kernels: over unix sockets ("ipc") in
# the runtime directory rather than TCP ports on 127.0.0.1. jupyter_client
# picks a kernel's five TCP ports by asking the system for free ones and
# releasing them; when forty servers start kernels at once, a port can be taken
# as the source port of some other loopback connection before the kernel binds
# it, and jupyter_client 7.4 then restarts the kernel on the same taken port
# until it gives up ("restart failed"). Unix sockets have no ports to lose.
# A socket's path (runtime dir + "/kernel-<id>-ipc-N") must stay under 108
# bytes; CLASSROOM_RUNTIME_ROOT moves the runtime directories when homes have
# long paths. CLASSROOM_KERNEL_TRANSPORT=tcp goes back to TCP.
transport = os.environ.get("CLASSROOM_KERNEL_TRANSPORT", "ipc")
c.Spawner.args = list(c.Spawner.args) + ["--KernelManager.transport=" + transport]
if os.environ.get("CLASSROOM_RUNTIME_ROOT"):
    c.Spawner.environment = {
        "JUPYTER_RUNTIME_DIR": lambda spawner: os.path.join(
            os.environ["CLASSROOM_RUNTIME_ROOT"], spawner.user.name
        )
    }
# Where Jupyter looks for kernelspecs (for a kernel installed with --prefix).
c.Spawner.env_keep = [
    "PATH", "PYTHONPATH", "CONDA_ROOT", "CONDA_DEFAULT_ENV", "VIRTUAL_ENV",
    "LANG", "LC_ALL", "JUPYTERHUB_SINGLEUSER_APP",  # JupyterHub's defaults
    "JUPYTER_PATH",
]
if "CLASSROOM_RUN" in os.environ:  # tests/loadtest marks its processes with it
    c.Spawner.env_keep.append("CLASSROOM_RUN")

# A class logs in at once. Starting a notebook server costs about a second
# of CPU, so on a small machine many starts at once all become slow, and
# past the default timeouts (60 s to start, 30 s to answer) the hub gives up
# on them. Limit how many start together (the others are told to try again
# in a few seconds) and give the rest time.
c.JupyterHub.concurrent_spawn_limit = int(os.environ.get("CLASSROOM_SPAWN_LIMIT", "20"))
c.Spawner.start_timeout = int(os.environ.get("CLASSROOM_START_TIMEOUT", "180"))
c.Spawner.http_timeout = int(os.environ.get("CLASSROOM_HTTP_TIMEOUT", "120"))

# Per-student limits. LocalProcessSpawner cannot enforce these (it only passes
# MEM_LIMIT/CPU_LIMIT to the server); on Kubernetes or systemd they are hard.
if os.environ.get("CLASSROOM_MEM_LIMIT"):
    c.Spawner.mem_limit = os.environ["CLASSROOM_MEM_LIMIT"]
