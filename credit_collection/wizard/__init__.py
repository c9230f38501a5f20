from . import credit, intelligence
