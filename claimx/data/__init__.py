"""Data shipped with claimx: the region packs in ``regions/<name>/`` (see :mod:`claimx.regions`)."""
