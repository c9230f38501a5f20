from . import credit, intelligence, statement
