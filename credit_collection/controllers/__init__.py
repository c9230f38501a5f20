from . import portal, portal_statement
