from django.db import DatabaseError, models, transaction


class UpdateOnlyModel(models.Model):
    """A model whose rows, once saved, ``save()`` only ever updates: it never inserts them again.

    Django's ``save()`` on a row read from the database runs an UPDATE and, when that matched no
    row, an INSERT. So a PUT that read an article just before a DELETE removed it would bring the
    article back. Here the UPDATE stands alone (``force_update``), and a row that is gone raises
    ``DoesNotExist``, which the views answer with 404.
    """

    class Meta:
        abstract = True  # no table of its own: Article and the models after it inherit save()

    def save(self, *args, **kwargs):
        if self._state.adding or kwargs.get('force_insert'):
            return super().save(*args, **kwargs)
        kwargs['force_update'] = True
        try:
            with transaction.atomic():  # a savepoint, so a failed UPDATE leaves the rest usable
                return super().save(*args, **kwargs)
        except DatabaseError:
            if type(self)._default_manager.filter(pk=self.pk).exists():
                raise  # another database error, not a missing row
            raise self.DoesNotExist(
                f'{self._meta.object_name} {self.pk} no longer exists.'
            ) from None


class Article(UpdateOnlyModel):
    """One article: the resource every stage of the course serves."""

    title = models.CharField(max_length=100)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ['-pk']  # newest first, in the pages and in every API list

    def __str__(self):
        return self.title
