"""`python manage.py seed <app> --number=N [--locale ko_KR]`: fake rows for every model of an app.

django-seed would do this, but it no longer works on Django 5; Faker plus a
look at each field's type and limits is all it takes.
"""

import importlib.util
import random
from datetime import timezone

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from faker import Faker

MAX_NUMBER = 100_000  # beyond this a seed is a mistake, not a demo
USERS_AT_MOST = 10  # authors to share out when the app needs users


class Command(BaseCommand):
    help = "Fill every model of an app with N rows of fake data (foreign keys included)."

    def add_arguments(self, parser):
        parser.add_argument("app_label", help="the app to seed, e.g. articles")
        # Read as text and checked by hand, so that a bad value is a one-line CommandError.
        parser.add_argument("--number", default="10", help=f"rows per model, 1 to {MAX_NUMBER} (default 10)")
        parser.add_argument("--locale", default="en_US", help="Faker locale, e.g. ko_KR (default en_US)")
        parser.add_argument("--seed", default=None, help="random seed, for repeatable data")

    def handle(self, *args, app_label, number, locale, seed, **options):
        number = self.parse_number(number)
        try:
            app = apps.get_app_config(app_label)
        except LookupError:
            raise CommandError(f"No installed app with label {app_label!r}.") from None
        try:
            self.fake = Faker(locale)
        except AttributeError:
            raise CommandError(f"Unknown locale {locale!r}; try en_US or ko_KR.") from None
        if seed is not None:
            Faker.seed(seed)
            random.seed(seed)
        self.words = self.word_list(locale)
        self.user_model = get_user_model()

        created = {}
        # All or nothing: an error halfway leaves the database as it was.
        with transaction.atomic():
            for model in self.in_dependency_order(app.get_models()):
                objects = [self.fake_instance(model) for _ in range(number)]
                model.objects.bulk_create(objects, batch_size=500)
                created[model._meta.label] = number
        for label, count in created.items():
            self.stdout.write(f"{label}: {count} created")
        self.stdout.write(self.style.SUCCESS(f"Seeded {app_label} ({locale})."))

    @staticmethod
    def parse_number(value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise CommandError(f"--number must be a whole number, not {value!r}.") from None
        if number < 1:
            raise CommandError(f"--number must be at least 1, not {number}.")
        if number > MAX_NUMBER:
            raise CommandError(f"--number must be at most {MAX_NUMBER}, not {number}.")
        return number

    def word_list(self, locale):
        """Faker has no lorem ipsum for some locales (ko_KR among them) and falls
        back to Latin; borrow words from the locale's catch phrases instead."""
        if importlib.util.find_spec(f"faker.providers.lorem.{locale}") is not None:
            return None
        try:
            words = {word for _ in range(200) for word in self.fake.catch_phrase().split()}
        except AttributeError:
            return None
        return sorted(words) or None

    @staticmethod
    def in_dependency_order(models_):
        """Models that others in the app point to come first (Article before Comment)."""
        pending, ordered = list(models_), []
        while pending:
            for model in pending:
                targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
                if not (targets & set(pending)) or targets & set(pending) == {model}:
                    ordered.append(model)
                    pending.remove(model)
                    break
            else:
                raise CommandError("Circular foreign keys: cannot order the models.")
        return ordered

    def fake_instance(self, model):
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue
            if field.has_default() or (field.null and not field.is_relation):
                continue
            values[field.name] = self.fake_value(field)
        return model(**values)

    def fake_value(self, field):
        if field.is_relation:
            return random.choice(self.pool(field.related_model))
        if field.choices:
            return random.choice([value for value, _ in field.flatchoices])
        fake = self.fake
        if isinstance(field, models.EmailField):
            return fake.email()[: field.max_length]
        if isinstance(field, models.URLField):
            return fake.url()[: field.max_length]
        if isinstance(field, models.SlugField):
            return fake.slug()[: field.max_length]
        if isinstance(field, models.CharField):
            # A sentence, cut to fit: Faker's lengths are characters, like max_length.
            return fake.sentence(nb_words=6, ext_word_list=self.words).rstrip(".")[: field.max_length]
        if isinstance(field, models.TextField):
            return "\n\n".join(fake.paragraphs(nb=3, ext_word_list=self.words))
        if isinstance(field, models.BooleanField):
            return fake.boolean()
        if isinstance(field, models.DateTimeField):
            return fake.date_time_this_decade(tzinfo=timezone.utc)
        if isinstance(field, models.DateField):
            return fake.date_this_decade()
        if isinstance(field, models.DecimalField):
            digits = field.max_digits - field.decimal_places
            return fake.pydecimal(left_digits=digits, right_digits=field.decimal_places, positive=True)
        if isinstance(field, models.FloatField):
            return fake.pyfloat(positive=True, max_value=10_000)
        if isinstance(field, models.PositiveIntegerField):
            return fake.pyint(min_value=0, max_value=10_000)
        if isinstance(field, models.IntegerField):
            return fake.pyint(max_value=10_000)
        raise CommandError(f"Cannot fake {field.model.__name__}.{field.name} ({type(field).__name__}).")

    def pool(self, model):
        """Rows to point a foreign key at; users are made up when there are none."""
        if not hasattr(self, "_pools"):
            self._pools = {}
        if model not in self._pools:
            rows = list(model.objects.all()[:1000])
            if not rows and model is self.user_model:
                rows = self.make_users(USERS_AT_MOST)
            if not rows:
                raise CommandError(f"{model._meta.label} has no rows to refer to; seed its app first.")
            self._pools[model] = rows
        return self._pools[model]

    def make_users(self, count):
        users = []
        taken = set(self.user_model.objects.values_list("username", flat=True))
        while len(users) < count:
            username = f"{self.fake.user_name()}{random.randint(1, 9999)}"[:150]
            if username in taken:
                continue
            taken.add(username)
            user = self.user_model(username=username)
            user.set_unusable_password()  # seeded authors cannot sign in
            users.append(user)
        self.user_model.objects.bulk_create(users)
        self.stdout.write(f"{self.user_model._meta.label}: {count} created (authors, no password)")
        return list(self.user_model.objects.filter(username__in=[u.username for u in users]))
