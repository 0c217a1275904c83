# Jupyter Notebook 6 configuration: set TCP_NODELAY on kernel websockets.
#
# The notebook server writes each kernel message to the browser's websocket as
# a small TCP segment. With Nagle's algorithm on, a second small write waits
# for the ACK of the first, which the browser delays by up to 40 ms, so every
# cell execution takes ~40 ms longer than the kernel needs. Tornado can switch
# Nagle off per connection; this hook does it when a kernel websocket opens.
#
# Use: jupyterhub-singleuser --NotebookApp.config_file=classroom_nodelay.py,
# or copy the lines below into /etc/jupyter/jupyter_notebook_config.py.
from notebook.services.kernels.handlers import ZMQChannelsHandler

_open = ZMQChannelsHandler.open


def _open_nodelay(self, *args, **kwargs):
    self.set_nodelay(True)
    return _open(self, *args, **kwargs)


if not getattr(ZMQChannelsHandler, "_stepwise_nodelay", False):
    ZMQChannelsHandler.open = _open_nodelay
    ZMQChannelsHandler._stepwise_nodelay = True
