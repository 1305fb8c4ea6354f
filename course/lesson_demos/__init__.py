"""Code the lesson notebooks run and show with ``show_code``, kept out of the stages.

A demo that needs a model or a module shape the stage must not have (a variant schema, a pair of
modules that import each other) lives here, so each stage's files and migrations stay exactly what
its lesson teaches. These modules import the stage's ``articles`` app: use them from lesson 04 on.
"""
