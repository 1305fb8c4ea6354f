"""The Korean edition: translation catalogs (gettext ``.po``) beside the English source.

English is the source text. Every learner-facing document (READMEs, notebooks' prose, exercise
statements and hints, the glossary) has one catalog, ``locale/<lang>/LC_MESSAGES/<its path>.po``,
whose entries are the document's paragraphs (``segments``). A translated document is generated
from the English one and its catalog (``render``); nobody keeps a Korean copy by hand. The test
suite fails on any untranslated or fuzzy entry (``tests/test_translations.py``).

Contributors: ``python -m course.i18n update`` brings every catalog in step with the English (new
paragraphs empty, changed ones fuzzy with the old translation), ``python -m course.i18n status``
names what is left to translate.
"""

LANGUAGES = ("en", "ko")
SOURCE_LANGUAGE = "en"
