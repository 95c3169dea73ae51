"""When a job is due: the latest slot (a point in time, Europe/Oslo) at or before now.

A slot names one scheduled occurrence of a job, e.g. "01:30 on 29 November"; a job runs at
most once per slot, however many schedulers look (scheduling.scheduler).
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings


def _local(now):
    return now.astimezone(ZoneInfo(settings.TIME_ZONE))


def _at(day, hour, minute):
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


@dataclass(frozen=True)
class Every:
    """Every `minutes` minutes, counted from midnight UTC (e.g. 10: at :00, :10, :20 …)."""

    minutes: int

    def latest(self, now):
        step = self.minutes * 60
        epoch = int(now.timestamp())
        return datetime.datetime.fromtimestamp(epoch - epoch % step, tz=datetime.UTC)

    def __str__(self):
        return f"hvert {self.minutes}. minutt"


@dataclass(frozen=True)
class Daily:
    """Every day at hour:minute, local time."""

    hour: int
    minute: int = 0

    def latest(self, now):
        today = _local(now).date()
        slot = _at(today, self.hour, self.minute)
        if slot > now:
            slot = _at(today - datetime.timedelta(days=1), self.hour, self.minute)
        return slot

    def __str__(self):
        return f"hver dag kl. {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class Monthly:
    """Every month on `day` (1–28) at hour:minute, local time."""

    day: int
    hour: int
    minute: int = 0

    def __post_init__(self):
        if not 1 <= self.day <= 28:
            raise ValueError("Monthly jobs run on day 1–28, which every month has.")

    def latest(self, now):
        local = _local(now).date()
        slot = _at(local.replace(day=self.day), self.hour, self.minute)
        if slot > now:
            previous = local.replace(day=1) - datetime.timedelta(days=1)
            slot = _at(previous.replace(day=self.day), self.hour, self.minute)
        return slot

    def __str__(self):
        return f"den {self.day}. hver måned kl. {self.hour:02d}:{self.minute:02d}"
