"""Lesson 06's settings, with one change: the URLconf also mounts the class-based steps.

Used as ``DJANGO_SETTINGS_MODULE=viewsets.settings`` in a copy of lesson 06, with ``notebooks/`` on
``PYTHONPATH``; everything else (apps, database, authentication, permissions) is lesson 06's.
"""

from config.settings import *  # noqa: F403 - lesson 06's settings, whole

ROOT_URLCONF = 'viewsets.urls'
