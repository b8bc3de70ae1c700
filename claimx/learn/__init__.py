"""Learned extraction: labelled data, converters, the LoRA-adapted MiniLM frame finder, training, evaluation.

Modules (torch and transformers are imported only by ``model``, ``lora``, ``finder`` and inside
``train``, so importing this package stays cheap):

- ``labelled``: the labelled JSONL format (``LabelledDoc`` ...), ``load_labelled``, ``save_labelled``
- ``convert_rams``, ``convert_labelstudio`` (Label Studio JSON and doccano JSONL), ``sources`` (any of them)
- ``export``: claimx's predictions as Label Studio tasks / doccano JSONL (the converters' inverse)
- ``align``: windows of sentences, char spans <-> word-piece BIO tags
- ``features``: labelled documents -> training examples; ``lora``; ``model``: the network
- ``train``: ``TrainingArguments``, ``train``; ``finder``: ``LearnedFrameFinder``
- ``evaluate``: ``score``, ``evaluate``, ``EvalReport``; ``predict``: the extractor as a predictor

Example:
    >>> from claimx.learn.labelled import LabelledDoc
    >>> LabelledDoc(id="a", text="Jets hit Homs.").actions
    ()
"""
