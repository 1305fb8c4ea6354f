"""The stage commands of ``python -m course``; ``course.cli`` parses the command line and calls them.

- ``guard``: what a command makes sure of first (its packages installed; a yes before what cannot be undone);
- ``stages``: list, reset, diff; ``lab``: a stage's notebook with its live server;
- ``serve``: serve, client (a stage's server, its browser client); ``suite``: test, site.

The exercise commands are in ``course.exercises.commands``, the grading ones in
``course.grading.commands``.
"""
