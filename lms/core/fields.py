"""Apply a form's (or a command's) field values to a model instance in a service."""

from django.db import models


def fields_apply(instance: models.Model, fields: dict, *, refused=()) -> set[str]:
    """Set the concrete `fields` on `instance`; return the names that changed.

    Many-to-many values are not set here (the row may not exist yet): pass them
    to `m2m_apply` after the save. A name that is not a field of the model, or
    is in `refused` (counters the services keep, for example), is a TypeError:
    a caller bug, never a user's mistake.
    """
    meta = instance._meta
    concrete = {field.name: field for field in meta.concrete_fields}
    m2m = {field.name for field in meta.many_to_many}
    wrong = (set(fields) - set(concrete) - m2m) | (set(fields) & set(refused))
    if wrong:
        raise TypeError(f"not editable on {meta.label}: {sorted(wrong)}")
    changed = set()
    for name, value in fields.items():
        if name in m2m:
            continue
        field = concrete[name]
        current = instance.__dict__.get(field.attname)
        new = value.pk if field.is_relation and value is not None else value
        if instance._state.adding or current != new:
            setattr(instance, name, value)
            changed.add(name)
    return changed


def m2m_apply(instance: models.Model, fields: dict) -> set[str]:
    """Set the many-to-many `fields` of a saved `instance`; the names that changed."""
    changed = set()
    for field in instance._meta.many_to_many:
        if field.name not in fields:
            continue
        manager = getattr(instance, field.name)
        new = {obj.pk for obj in fields[field.name]}
        if instance._state.adding or set(manager.values_list("pk", flat=True)) != new:
            manager.set(fields[field.name])
            changed.add(field.name)
    return changed
