"""The one process-wide catalogue that the event modules register into."""
from pmo_shared.events.catalogue import Catalogue

catalogue = Catalogue()
