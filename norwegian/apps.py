from django.apps import AppConfig
from django.db.backends.signals import connection_created


class NorwegianConfig(AppConfig):
    name = "norwegian"
    verbose_name = "Norsk språkstøtte"

    def ready(self):
        from norwegian.collation import register_sqlite_collation

        # PostgreSQL has the ICU collation built in; SQLite gets the same name from Python.
        connection_created.connect(register_sqlite_collation, dispatch_uid="norwegian-collation")
