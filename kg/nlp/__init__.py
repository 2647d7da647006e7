"""The attribution model: encoder, heads, training, inference, resolution, evaluation.

torch and transformers are imported only by the modules that need them (``encoder``,
``model``, ``train``, ``infer``), never by this package's ``__init__``.
"""

from __future__ import annotations

import os

# Offline always: nothing under kg.nlp may reach a model hub (peft and transformers would try).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
