"""hitteplan: van één Excel-werkboek naar de documenten van fase 2 van het lokaal hitteplan."""

__version__ = "0.2.2"
