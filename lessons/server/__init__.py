"""The class server: a JupyterHub with roster logins, one Unix user per learner, and a hand-in service."""
