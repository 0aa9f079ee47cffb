import pytest

from lessons.content import load_content


@pytest.fixture(scope="session")
def content():
    return load_content()
