import pytest


@pytest.fixture(autouse=True)
def _app_reads_the_test_dataset(dataset_path, monkeypatch):
    monkeypatch.setenv("OMRADEKART_GPKG", str(dataset_path))
