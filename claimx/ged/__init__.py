"""UCDP GED (Georeferenced Event Dataset) as weak labels and as a check.

- :mod:`claimx.ged.data`: reading the GED CSV files into frozen records, the fixed hold-out.
- :mod:`claimx.ged.check`: ``claimx evaluate ged`` (extraction, linking and casualty range
  on the hold-out).
- :mod:`claimx.learn.convert_ged`: headlines -> labelled JSONL (weak labels for ``claimx train``).

UCDP GED is CC BY 4.0 (Sundberg and Melander 2013; Högbladh 2019, UCDP GED Codebook 19.1).
"""
