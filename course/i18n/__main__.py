"""For contributors: ``python -m course.i18n update|status|build [--lang ko]``.

update: bring every catalog in step with the English (new paragraphs empty, changed ones fuzzy).
status: per document, translated / fuzzy / untranslated; exit 1 while anything is left.
build:  write every translated document beside its source (``*.ko.ipynb``, ``*.ko.md``, ignored by git).
"""

from __future__ import annotations

import argparse
import sys

from ..stages import ROOT
from . import LANGUAGES, SOURCE_LANGUAGE, catalogs, render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.i18n", description=__doc__.split("\n")[0]
    )
    parser.add_argument("action", choices=["update", "status", "build"])
    parser.add_argument(
        "--lang", default="ko", choices=[x for x in LANGUAGES if x != SOURCE_LANGUAGE]
    )
    args = parser.parse_args(argv)
    left = 0
    for document in catalogs.documents():
        rel = document.relative_to(ROOT).as_posix()
        if args.action == "build":
            if document.suffix == ".py":
                continue  # a module's words are used where it runs (the site's pages)
            print(render.write(document, args.lang).relative_to(ROOT).as_posix())
            continue
        if args.action == "update":
            done, fuzzy, todo = catalogs.update(document, args.lang)
        else:
            catalog = catalogs.load(document, args.lang)
            total = len(catalogs.source_messages(document))
            done, fuzzy, todo = catalogs.counts(catalog) if catalog else (0, 0, total)
        left += fuzzy + todo
        if fuzzy or todo or args.action == "status":
            print(f"{rel}: {done} translated, {fuzzy} fuzzy, {todo} untranslated")
    if args.action != "build":
        print(f"{left} paragraph(s) left to translate" if left else "every paragraph is translated")
    return 1 if args.action == "status" and left else 0


if __name__ == "__main__":
    sys.exit(main())
