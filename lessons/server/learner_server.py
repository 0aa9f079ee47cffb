"""A learner's server on the class hub: JupyterHub's single-user server (``jupyterhub.singleuser``),
started without an optional parser it never uses.

Run as ``python -m lessons.server.learner_server`` (the hub's ``Spawner.cmd``); it takes the same
options and environment as ``python -m jupyterhub.singleuser``.
"""

from __future__ import annotations

import sys


def main() -> None:
    # jupyter_server's event validation imports jsonschema's format checkers; when rfc3987-syntax is
    # installed (jsonschema[format-nongpl] pulls it in), importing it builds an Earley parser of the RFC 3987
    # grammar: about 0.9 CPU seconds and 15 MB in every learner's server, for the "iri" and "iri-reference"
    # formats that no event schema of the server uses ("uri" has its own checker). Marked missing,
    # jsonschema leaves those two formats unchecked, as it does whenever the package is absent.
    # (None in sys.modules is the import system's documented "not found"; typeshed allows only modules there)
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from jupyterhub.singleuser import main as singleuser

    sys.exit(singleuser())


if __name__ == "__main__":
    main()
