"""Per-assignment grading scenarios: wrong answers students commonly give, and right answers written differently."""
