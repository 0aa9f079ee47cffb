import pytest

from lessons.content.course import load_content


@pytest.fixture(scope="session")
def content():
    return load_content()


@pytest.fixture(autouse=True)
def learner_home(tmp_path_factory, monkeypatch):
    """Each test gets its own empty learner folder, so saved answers never leak between tests."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PI_LESSONS_HOME", str(folder))
    return folder
