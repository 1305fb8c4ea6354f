from django.apps import AppConfig


class CourseConfig(AppConfig):
    """The course tooling as a Django app, so that every stage gets its `shell_plus` fix.

    List it in INSTALLED_APPS *before* ``django_extensions``: Django lets the first app that
    defines a management command win, so ours replaces django-extensions' ``shell_plus``.
    """

    name = "course"
    verbose_name = "Course tooling"
