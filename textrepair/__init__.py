"""textrepair: repair text damaged by chunked MT, speech recognition, OCR and language models.

Text that went through chunked machine translation, chunked speech recognition, OCR of
overlapping tiles, roll-up captions or a looping language model comes back with its pieces
doubled. :func:`clean` keeps exactly one clean copy; :func:`repair` also says what it removed,
where and why.

    >>> import textrepair
    >>> textrepair.clean("une partie de ce capital ;\\nune partie de ce capital.")
    'une partie de ce capital.'
"""

from textrepair.batch import clean_many
from textrepair.config import Config
from textrepair.pipeline import clean, repair
from textrepair.result import KINDS, Edit, Repair, apply_edits

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "Config",
    "Edit",
    "Repair",
    "__version__",
    "apply_edits",
    "clean",
    "clean_many",
    "repair",
]
