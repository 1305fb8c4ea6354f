from django.apps import AppConfig


class CourseConfig(AppConfig):
    """The course tooling as a Django app, so that every stage gets its `shell_plus` fix.

    List it in INSTALLED_APPS *before* ``django_extensions``: Django lets the first app that
    defines a management command win, so ours replaces django-extensions' ``shell_plus``.
    """

    name = "course"
    verbose_name = "Course tooling"

    def ready(self):
        # runserver writes a response's headers and body in separate small packets; with Nagle's
        # algorithm on, the body waits for the client's delayed ACK, about 40 ms on every request a
        # notebook or a check sends (50 ms where 8 would do). TCP_NODELAY sends each at once; what
        # the server answers is unchanged.
        from django.core.servers.basehttp import WSGIRequestHandler

        WSGIRequestHandler.disable_nagle_algorithm = True
