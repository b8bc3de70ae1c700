"""Data files shipped with claimx (gazetteer extras, actor aliases, action lexicon)."""
