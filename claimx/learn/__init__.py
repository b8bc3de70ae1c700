"""Training and evaluating the learned extractor: labelled data, converters, features, train, evaluate.

Training only: the network and the finder that runs it live in
:mod:`claimx.extract.finders.learned` (this package imports them, never the reverse). torch and
transformers are imported only inside ``train()``, so importing this package stays cheap.

- ``labelled``: the labelled JSONL format (``LabelledDoc`` ...), ``load_labelled``, ``save_labelled``
- ``convert_rams``, ``convert_labelstudio`` (Label Studio JSON and doccano JSONL), ``sources`` (any of them)
- ``features``: labelled documents -> training examples
- ``arguments``: ``TrainingArguments`` (the help texts ``claimx train --help`` shows)
- ``train``: ``train``
- ``export``: claimx's predictions as Label Studio tasks / doccano JSONL (the converters' inverse)
- ``evaluate``: ``score``, ``evaluate``, ``EvalReport``; ``predict``: the extractor as a predictor

Example:
    >>> from claimx.learn.labelled import LabelledDoc
    >>> LabelledDoc(id="a", text="Jets hit Homs.").actions
    ()
"""
