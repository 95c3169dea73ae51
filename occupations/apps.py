from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "occupations"
    verbose_name = "Yrker"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from occupations.history import record_lists
        from occupations.models import Occupation

        # simple-history's documented way to fill an extra column of a version: each version
        # of an occupation also keeps its lists (occupations/history.py).
        pre_create_historical_record.connect(
            record_lists, sender=Occupation.history.model, dispatch_uid="occupation_lists"
        )
