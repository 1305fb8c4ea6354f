"""Sphinx configuration of the course site. ``python -m course site`` generates the pages into
``build/site/src`` and runs Sphinx with this folder as its configuration directory (``-c``).

Stack: Sphinx, myst-nb (Markdown and executed notebooks; it never executes them itself here),
sphinx-book-theme (pages readable on a phone, search, no download at reading time) and
sphinxcontrib-mermaid's node, rendered by the Mermaid script of the npm package pinned in
``package.json`` (never a CDN).
"""

project = "Web APIs with Django REST Framework"
author = "the course's authors"
copyright = "the course's authors"
language = "en"

extensions = ["myst_nb", "sphinxcontrib.mermaid", "sphinx.ext.imgmath"]

# No page has formulas, and MathJax would come from a CDN (some Sphinx versions add it to every page
# near a notebook): math, if a page ever has some, is rendered at build time instead.
html_math_renderer = "imgmath"

# Notebooks arrive executed (course.site ran them against live servers) and are shown as they are.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header"]  # READMEs may step from ## to #### (a table of commands, say)

# Mermaid: the diagram nodes come from sphinxcontrib-mermaid. Its own loader is an ES module that
# imports Mermaid (from a CDN unless told otherwise), and browsers refuse modules on file:// pages:
# setup() below swaps it for the vendored classic script, so a page opened from disk draws too.

html_theme = "sphinx_book_theme"
html_title = "Django REST course"
html_static_path = []  # set by course.site: the vendored Mermaid script and course.css
html_css_files = ["course.css"]
html_favicon = (
    "static/favicon.svg"  # relative to this folder; without one, browsers ask for /favicon.ico
)
html_context = {"default_mode": "light"}  # the reader's switch still offers dark and auto
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

MERMAID_LANGUAGES = {"mermaid"}


def _mermaid_fences(app, doctree):
    """```` ```mermaid ```` blocks (GitHub's and JupyterLab's syntax) become diagrams here too."""
    from docutils import nodes
    from sphinxcontrib.mermaid import mermaid

    for block in list(doctree.findall(nodes.literal_block)):
        if block.get("language") in MERMAID_LANGUAGES:
            node = mermaid()
            node["code"] = block.astext()
            node["options"] = {}
            block.replace_self(node)


def _mermaid_script(app, pagename, templatename, context, doctree):
    """Mermaid's script only on the pages that have a diagram (it is 3.5 MB)."""
    from sphinxcontrib.mermaid import mermaid

    if doctree is not None and doctree.next_node(mermaid) is not None:
        app.add_js_file("mermaid.min.js", priority=900)
        app.add_js_file("course-mermaid.js", priority=901)


def _language_switch(app, pagename, templatename, context, doctree):
    """Every page links to the same page in the course's other languages (course.site.language)."""
    from course.i18n import LANGUAGES
    from course.site.language import switch

    if "body" in context:
        context["body"] = switch(pagename, app.config.language, LANGUAGES) + context["body"]


def setup(app):
    from sphinxcontrib.mermaid import install_js

    for listener in list(app.events.listeners.get("html-page-context", [])):
        if listener.handler is install_js:
            app.disconnect(listener.id)
    app.connect("doctree-read", _mermaid_fences)
    app.connect("html-page-context", _mermaid_script)
    app.connect("html-page-context", _language_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
