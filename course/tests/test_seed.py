"""The course's ``seed`` command on models the lessons do not have: unique fields, unique-together
sets, one-to-one links. Each stage's own ``articles/tests/test_seed.py`` tests what the lessons show.

The models live in a throwaway app, run in a fresh Python process with an in-memory database.
"""

import subprocess
import sys
import textwrap

MODELS = '''
from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True)


class Pair(models.Model):
    first = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name='+')
    second = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name='+')

    class Meta:
        unique_together = [('first', 'second')]


class Ranked(models.Model):
    # 5 x 4 = 20 possible sets: 15 rows need seed to skip the sets already taken.
    rank = models.PositiveSmallIntegerField(choices=[(n, str(n)) for n in range(1, 6)])
    group = models.PositiveSmallIntegerField(choices=[(n, str(n)) for n in range(1, 5)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=['rank', 'group'], name='one_rank_a_group')]
'''

FLAG_MODELS = '''
from django.db import models


class Flag(models.Model):
    on = models.BooleanField(unique=True)  # two values at most: a third row cannot exist
'''

SCRIPT = '''
import sys
import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes', 'course', 'uniq'],
    DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
    USE_TZ=True,
)
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError

call_command('migrate', run_syncdb=True, verbosity=0)
try:
    for number in sys.argv[1:]:
        call_command('seed', 'uniq', number=int(number), seed=1)
except CommandError as error:
    print('CommandError:', error)
from django.apps import apps

for model in apps.get_app_config('uniq').get_models():
    print(model.__name__, model.objects.count())
'''


def seed_in(tmp_path, models, *numbers):
    app = tmp_path / 'uniq'
    app.mkdir()
    (app / '__init__.py').write_text('')
    (app / 'models.py').write_text(textwrap.dedent(models))
    proc = subprocess.run(
        [sys.executable, '-c', SCRIPT, *map(str, numbers)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_seed_keeps_unique_fields_and_unique_together_sets_unique(tmp_path):
    # Twice, so the second run must avoid the rows of the first; the database's own unique
    # constraints would fail the process if a value were repeated.
    out = seed_in(tmp_path, MODELS, 10, 5)
    assert 'CommandError' not in out, out
    assert 'Tag 15' in out and 'Pair 15' in out and 'Ranked 15' in out, out


def test_seed_refuses_in_one_line_naming_the_field_when_values_run_out(tmp_path):
    out = seed_in(tmp_path, FLAG_MODELS, 3)
    error = next(line for line in out.splitlines() if line.startswith('CommandError'))
    assert "unique on" in error and "Flag" in error, out
    assert 'Flag 0' in out, 'all or nothing: no row was written\n' + out
