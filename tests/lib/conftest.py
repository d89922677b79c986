"""Fixtures shared by the library tests."""

import pytest

import customer_value as cv


@pytest.fixture(scope="session")
def cdnow_summary():
    """The CDNOW calibration summary (39 weeks), loaded once."""
    return cv.load_cdnow_summary()
