"""django-extensions' ``shell_plus``, fixed for Notebook 7 and for ORM calls in a kernel.

Two problems with django-extensions 4.1, both solved here without touching its code:

1. ``shell_plus --notebook`` imports ``notebook.notebookapp``, which Notebook 7 removed
   (django-extensions issue 1830). Notebook 7 is a Jupyter Server extension app, like JupyterLab,
   so we start ``notebook.app.JupyterNotebookApp`` the way upstream starts ``LabApp``.
2. ipykernel 7 runs each cell inside a running event loop, and Django refuses ORM calls there
   (``SynchronousOnlyOperation``). The kernel spec we write sets ``DJANGO_ALLOW_ASYNC_UNSAFE``
   for the kernel process alone; settings never change.
"""


import os

from django_extensions.management.commands.shell_plus import Command as ShellPlusCommand
from django_extensions.management.commands.shell_plus import shell_runner

# Environment the Django kernel gets on top of its own: only the kernel, never the web server.
KERNEL_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}


class Command(ShellPlusCommand):
    help = ShellPlusCommand.help + " (course build: --notebook works on Notebook 7.)"

    @shell_runner(flags=["--notebook"], name="Jupyter Notebook 7")
    def get_notebook(self, options):
        try:
            from notebook.app import JupyterNotebookApp
        except ImportError:
            # Notebook 6 or older: upstream's code path still works there.
            return super().get_notebook(options)

        def run_notebook():
            self.run_notebookapp(JupyterNotebookApp.initialize_server, options, history=False)

        return run_notebook

    def generate_kernel_specs(self, app, ipython_arguments):
        specs = super().generate_kernel_specs(app, ipython_arguments)
        for spec in specs.values():
            spec.env.update(KERNEL_ENV)
            # Name the settings in the spec too, so the kernel also works when a Jupyter that
            # shell_plus did not start (VS Code, a plain `jupyter lab`) launches it.
            spec.env["DJANGO_SETTINGS_MODULE"] = os.environ["DJANGO_SETTINGS_MODULE"]
        return specs


__all__ = ["Command", "KERNEL_ENV"]
