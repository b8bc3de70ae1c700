"""The learned frame finder and the network it runs (shared with training in :mod:`claimx.learn`).

Modules (torch and transformers are imported only by ``model``, ``lora`` and inside ``finder``):

- ``align``: windows of sentences, char spans <-> word-piece BIO tags
- ``triggers``: the regex prefilter of sentences worth encoding
- ``lora``: LoRA adapters; ``model``: the network (``ExtractorNet``, ``NetConfig``)
- ``finder``: ``LearnedFrameFinder`` (a model folder -> frames)

Example:
    >>> from claimx.extract.finders.learned.align import bio_names
    >>> bio_names(("actor",))
    ('O', 'B-actor', 'I-actor')
"""
