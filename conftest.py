"""Shared pytest set-up for tests/ and the nbval run over notebooks/."""
import os
import tempfile


def pytest_configure(config):
    # Learners' files must never be touched by tests; kernels started by nbval inherit this.
    os.environ["PI_LESSONS_HOME"] = tempfile.mkdtemp(prefix="pi-lessons-test-home-")


# The lesson sources have no outputs for nbval to compare: only the built notebooks/en and notebooks/zh are tested.
collect_ignore = ["source"]
