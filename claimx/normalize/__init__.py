"""Normalisation: gazetteer, actor names, dates."""
