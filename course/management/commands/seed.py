"""``python manage.py seed articles --number=5``: fake rows for every model of an app.

django-seed's interface, rebuilt on Faker: django-seed itself is broken on Django 5 (it calls
``make_aware(is_dst=...)`` and imports psycopg2 unconditionally). It lives in the course's own app,
which every stage lists in ``INSTALLED_APPS``, so no stage carries a copy. The command reads each
model's fields, so it keeps working as the app grows: comments get an existing article, rows that
belong to a user get one (users are created when there are none), unique fields and
unique-together sets get values no other row has.
"""

import random
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone
from faker import Faker

MAX_NUMBER = 100_000  # more is a typo, and would keep a laptop busy for minutes
USERS_AT_MOST = 10  # authors made up when a model needs users and there are none
POOL_SIZE = 1000  # existing rows a foreign key picks from
TRIES = 100  # fresh values to try for a unique field before giving up on it


class Command(BaseCommand):
    help = 'Fill every model of an app with fake data, e.g. "seed articles --number=5".'

    def add_arguments(self, parser):
        parser.add_argument('app_label', help='the app whose models get rows, e.g. articles')
        parser.add_argument('--number', type=int, default=10, help='rows per model (default 10)')
        parser.add_argument('--locale', default='en_US', help='Faker locale, e.g. ko_KR')
        parser.add_argument('--seed', type=int, help='make the fake data repeatable')

    def handle(self, app_label, number, locale, seed, **options):
        try:
            app = apps.get_app_config(app_label)
        except LookupError:
            raise CommandError(f'no installed app called {app_label!r}') from None
        try:
            number = int(number)  # call_command(number='many') skips argparse's type check
        except (TypeError, ValueError):
            raise CommandError(f'--number must be a whole number, not {number!r}') from None
        if not 1 <= number <= MAX_NUMBER:
            raise CommandError(f'--number must be between 1 and {MAX_NUMBER}, not {number}')
        try:
            self.faker = Faker(locale)
        except AttributeError:
            raise CommandError(f'Faker has no locale {locale!r}; try en_US or ko_KR') from None
        if seed is not None:
            self.faker.seed_instance(seed)
            random.seed(seed)
        self.korean = locale.lower().startswith('ko')
        self.pools = {}

        made = []
        with transaction.atomic():  # all the rows, or none of them
            for model in self.in_dependency_order(list(app.get_models())):
                rows = self.fake_rows(model, number)
                model.objects.bulk_create(
                    rows, batch_size=500
                )  # one INSERT per 500 rows, not per row
                self.stdout.write(f'{model._meta.label}: {number} created')
                made.append(f'{number} {model._meta.verbose_name_plural}')
        self.stdout.write(
            self.style.SUCCESS(f'Seeded {", ".join(made) or "nothing"} in {app_label}.')
        )

    @staticmethod
    def in_dependency_order(models_):
        """Models that others point at come first (articles before their comments)."""
        ordered = []
        while models_:
            for model in models_:
                targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
                if not (targets & set(models_)) - {model}:
                    ordered.append(model)
                    models_.remove(model)
                    break
            else:
                raise CommandError(
                    'these models point at each other in a loop: '
                    + ', '.join(m.__name__ for m in models_)
                )
        return ordered

    # ------------------------------------------------------------------------------------------
    # Rows

    def fake_rows(self, model, number):
        """``number`` unsaved rows whose unique fields and unique-together sets clash with no row."""
        fields = [
            f
            for f in model._meta.concrete_fields
            if not (
                f.primary_key or getattr(f, 'auto_now', False) or getattr(f, 'auto_now_add', False)
            )
        ]
        # What must be unique, as tuples of field names, with the values already in the table.
        unique_sets = [(f.name,) for f in fields if f.unique]
        unique_sets += [tuple(names) for names in model._meta.unique_together]
        unique_sets += [
            tuple(c.fields)
            for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
        ]
        attnames = {f.name: f.attname for f in fields}
        taken = {
            names: set(model.objects.values_list(*(attnames[n] for n in names)))
            for names in unique_sets
        }
        rows = []
        for _ in range(number):
            for _attempt in range(TRIES):
                values = {f.attname: self.fake_value(f) for f in fields}
                keys = {names: tuple(values[attnames[n]] for n in names) for names in unique_sets}
                clash = next((names for names, key in keys.items() if key in taken[names]), None)
                if clash is None:
                    break
            else:
                raise CommandError(
                    f'cannot make {number} {model._meta.verbose_name_plural} with a '
                    f'unique {" + ".join(clash)}: {model._meta.label} ran out of '
                    f'values; ask for fewer (--number)'
                )
            for names, key in keys.items():
                taken[names].add(key)
            rows.append(model(**values))
        return rows

    def fake_value(self, field):
        fake = self.faker
        if field.is_relation:
            return random.choice(self.pool(field.related_model)).pk
        if field.choices:
            return random.choice([value for value, _ in field.flatchoices])
        if isinstance(field, models.EmailField):
            return fake.email()[: field.max_length]
        if isinstance(field, models.URLField):
            return fake.url()[: field.max_length]
        if isinstance(field, models.SlugField):
            return fake.slug()[: field.max_length]
        if isinstance(field, models.CharField):
            return self.short_text(field.max_length)
        if isinstance(field, models.TextField):
            return self.long_text()
        if isinstance(field, models.BooleanField):
            return fake.boolean()
        if isinstance(field, models.DateTimeField):
            tz = timezone.get_current_timezone() if settings.USE_TZ else None
            return fake.date_time_this_decade(tzinfo=tz)
        if isinstance(field, models.DateField):
            return fake.date_this_decade()
        if isinstance(field, models.DecimalField):
            return Decimal(random.randint(0, 10**field.max_digits - 1)).scaleb(
                -field.decimal_places
            )
        if isinstance(
            field,
            (
                models.PositiveIntegerField,
                models.PositiveSmallIntegerField,
                models.PositiveBigIntegerField,
            ),
        ):
            return random.randint(0, 1000)
        if isinstance(field, models.IntegerField):
            return random.randint(-1000, 1000)
        if isinstance(field, models.FloatField):
            return random.uniform(-1000, 1000)
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        raise CommandError(
            f'seed does not know how to fake {field.model.__name__}.{field.name} '
            f'({type(field).__name__})'
        )

    def short_text(self, max_length):
        text = self.faker.catch_phrase() if self.korean else self.faker.sentence(nb_words=5)
        return text[:max_length].rstrip()

    def long_text(self):
        if self.korean:
            return ' '.join(f'{self.faker.bs()}.' for _ in range(3))
        return self.faker.paragraph(nb_sentences=3)

    # ------------------------------------------------------------------------------------------
    # Rows to point at

    def pool(self, model):
        """Rows a foreign key to ``model`` picks from; users are made up when there are none."""
        if model not in self.pools:
            # In primary-key order, so that --seed picks the same rows each time.
            rows = list(model.objects.order_by('pk')[:POOL_SIZE])
            if not rows and model is get_user_model():
                rows = self.make_users(USERS_AT_MOST)
            if not rows:
                raise CommandError(
                    f'there is no {model._meta.verbose_name} to point at: '
                    f'create some first (seed its app)'
                )
            self.pools[model] = rows
        return self.pools[model]

    def make_users(self, count):
        """``count`` authors with unique names and no password: they cannot sign in."""
        user_model = get_user_model()
        taken = set(user_model.objects.values_list(user_model.USERNAME_FIELD, flat=True))
        users = []
        while len(users) < count:
            username = f'{self.faker.user_name()}{random.randint(1, 9999)}'[:150]
            if username not in taken:
                taken.add(username)
                user = user_model(**{user_model.USERNAME_FIELD: username})
                user.set_unusable_password()
                users.append(user)
        user_model.objects.bulk_create(users)
        self.stdout.write(f'{user_model._meta.label}: {count} created (authors, no password)')
        return list(
            user_model.objects.filter(
                **{f'{user_model.USERNAME_FIELD}__in': [u.get_username() for u in users]}
            ).order_by('pk')
        )
