"""django-extensions' ``shell_plus``, fixed for Notebook 7, for ORM calls in a kernel, for root, and
for the stage a notebook is in.

Problems with django-extensions 4.1, all solved here without touching its code:

1. ``shell_plus --notebook`` imports ``notebook.notebookapp``, which Notebook 7 removed
   (django-extensions issue 1830). Notebook 7 is a Jupyter Server extension app, like JupyterLab,
   so we start ``notebook.app.JupyterNotebookApp`` the way upstream starts ``LabApp``.
2. ipykernel 7 runs each cell inside a running event loop, and Django refuses ORM calls there
   (``SynchronousOnlyOperation``). The kernel spec we write sets ``DJANGO_ALLOW_ASYNC_UNSAFE``
   for the kernel process alone; settings never change.
3. The kernel spec upstream writes names the stage it was started from, and Jupyter keeps it: a
   notebook opened later in another folder got that stage's Django. Ours names no stage
   (``course.kernel`` finds it from the notebook's folder).
4. As root (containers, cloud machines) Jupyter wants ``--allow-root``, which upstream only takes
   after ``--``. Here ``shell_plus --lab --allow-root`` works too.
"""

from django_extensions.management.commands.shell_plus import Command as ShellPlusCommand
from django_extensions.management.commands.shell_plus import shell_runner

from course.kernel import DISPLAY_NAME, KERNEL_ENV, KERNEL_NAME, kernel_argv


class Command(ShellPlusCommand):
    help = ShellPlusCommand.help + " (course build: --notebook works on Notebook 7.)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--allow-root",
            action="store_true",
            help="let Jupyter run as root (containers, cloud machines)",
        )

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

    def run_notebookapp(self, app_init, options, *args, **kwargs):
        if options.get("allow_root") and callable(app_init):
            start = app_init

            def app_init(argv):
                return start([*argv, "--allow-root"] if "--allow-root" not in argv else argv)

        return super().run_notebookapp(app_init, options, *args, **kwargs)

    def generate_kernel_specs(self, app, ipython_arguments):
        spec = self.load_base_kernel_spec(app)
        spec.argv = kernel_argv(spec.argv, ipython_arguments)
        spec.display_name = DISPLAY_NAME
        spec.env.update(KERNEL_ENV)
        return {KERNEL_NAME: spec}


__all__ = ["Command", "KERNEL_ENV"]
