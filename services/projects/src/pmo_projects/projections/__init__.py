"""Local copies of other services' data, fed by their events through a Subscription."""
