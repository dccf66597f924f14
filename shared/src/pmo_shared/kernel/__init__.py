"""Value types every service needs: money, clock, ids."""
from pmo_shared.kernel.clock import Clock, FixedClock, SystemClock
from pmo_shared.kernel.ids import new_id
from pmo_shared.kernel.money import CurrencyMismatch, Money

__all__ = ["Clock", "CurrencyMismatch", "FixedClock", "Money", "SystemClock", "new_id"]
