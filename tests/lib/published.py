"""Published figures the library tests compare against (docs/references.md)."""

#: BG/NBD on the CDNOW calibration sample (Fader, Hardie & Lee 2005)
PUBLISHED_BG = {"r": 0.2425982, "alpha": 4.4136842, "a": 0.7929899, "b": 2.4261667}
PUBLISHED_BG_LL = -9582.429
