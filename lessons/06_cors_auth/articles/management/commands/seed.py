"""``python manage.py seed articles --number=5``: fake rows for every model of an app.

django-seed's interface, rebuilt on Faker: django-seed itself is broken on Django 5 (it calls
``make_aware(is_dst=...)`` and imports psycopg2 unconditionally). The command reads each model's
fields, so it keeps working as the app grows: comments get an existing article, rows that belong
to a user get one (created when there is none).
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

MAX_NUMBER = 10_000  # more is a typo, and would keep a laptop busy for minutes


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
            raise CommandError(f'no installed app called {app_label!r}')
        if not 1 <= number <= MAX_NUMBER:
            raise CommandError(f'--number must be between 1 and {MAX_NUMBER}, not {number}')
        try:
            self.faker = Faker(locale)
        except AttributeError:
            raise CommandError(f'Faker has no locale {locale!r}; try en_US or ko_KR')
        if seed is not None:
            self.faker.seed_instance(seed)
            random.seed(seed)
        self.korean = locale.lower().startswith('ko')

        made = []
        with transaction.atomic():  # all the rows, or none of them
            for model in self.in_dependency_order(list(app.get_models())):
                for _ in range(number):
                    model.objects.create(**self.fake_values(model))
                made.append(f'{number} {model._meta.verbose_name_plural}')
        self.stdout.write(self.style.SUCCESS(f'Seeded {", ".join(made) or "nothing"} in {app_label}.'))

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
                raise CommandError('these models point at each other in a loop: '
                                   + ', '.join(m.__name__ for m in models_))
        return ordered

    def fake_values(self, model):
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or getattr(field, 'auto_now', False) \
                    or getattr(field, 'auto_now_add', False):
                continue
            values[field.name] = self.fake_value(field)
        return values

    def fake_value(self, field):
        fake = self.faker
        if field.is_relation:
            return self.existing_row(field.related_model)
        if field.choices:
            return random.choice([value for value, _ in field.flatchoices])
        if isinstance(field, models.EmailField):
            return fake.unique.email()[: field.max_length]
        if isinstance(field, models.URLField):
            return fake.url()[: field.max_length]
        if isinstance(field, models.SlugField):
            return fake.unique.slug()[: field.max_length]
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
            return Decimal(random.randint(0, 10 ** field.max_digits - 1)).scaleb(-field.decimal_places)
        if isinstance(field, (models.PositiveIntegerField, models.PositiveSmallIntegerField,
                              models.PositiveBigIntegerField)):
            return random.randint(0, 1000)
        if isinstance(field, models.IntegerField):
            return random.randint(-1000, 1000)
        if isinstance(field, models.FloatField):
            return random.uniform(-1000, 1000)
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        raise CommandError(f'seed does not know how to fake {field.model.__name__}.{field.name} '
                           f'({type(field).__name__})')

    def short_text(self, max_length):
        text = self.faker.catch_phrase() if self.korean else self.faker.sentence(nb_words=5)
        return text[:max_length].rstrip()

    def long_text(self):
        if self.korean:
            return ' '.join(f'{self.faker.bs()}.' for _ in range(3))
        return self.faker.paragraph(nb_sentences=3)

    def existing_row(self, model):
        """A random row of ``model``; users are created on demand, since every app has them."""
        # Picked by Python's random, which --seed seeds (the database's ORDER BY RANDOM() is not).
        count = model.objects.count()
        row = model.objects.order_by('pk')[random.randrange(count)] if count else None
        if row is None and model is get_user_model():
            row = model.objects.create_user(username=self.faker.unique.user_name())  # no password: it can't log in
        if row is None:
            raise CommandError(f'there is no {model._meta.verbose_name} to point at: '
                               f'create some first (seed its app)')
        return row
