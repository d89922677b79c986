"""The generator reproduces every shipped data set exactly.

The draws feed lesson outputs and self-check digests: a refactor of the generator must leave the
course company's CSV files byte for byte and each capstone industry's default data unchanged.
"""

from __future__ import annotations

import hashlib

import pytest

from customer_value import industries, simulate

COMPANY_FILES = ("company_customers.csv", "company_transactions.csv", "company_survey.csv")

#: sha256 (first 16 hex digits) of each industry's default customers + transactions as CSV
INDUSTRY_DIGESTS = {
    "apparel": "2c9fbe4327a17f6c",
    "snacks": "022ec563893641bc",
    "tourism": "d07d6307a735fa9b",
    "fitness": "58e76fca003b847f",
    "education": "3d1fc8254ff0f593",
}


def test_regenerating_the_course_company_reproduces_the_shipped_csv_files(tmp_path):
    simulate.write_company_csv(tmp_path)
    for name in COMPANY_FILES:
        assert (tmp_path / name).read_bytes() == (simulate.DATA_DIR / name).read_bytes(), name


@pytest.mark.parametrize("code", list(INDUSTRY_DIGESTS))
def test_each_industry_default_data_is_unchanged(code):
    data = industries.simulate_industry(code)
    digest = hashlib.sha256()
    for name in ("customers", "transactions"):
        digest.update(data[name].to_csv(index=False).encode())
    assert digest.hexdigest()[:16] == INDUSTRY_DIGESTS[code]
