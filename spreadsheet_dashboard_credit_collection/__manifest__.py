{
    "name": "Credit & Collections - Dashboards",
    "summary": "A Credit & Collections dashboard in the Dashboards app: DSO, ageing, "
    "expected collections, top exposures",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "credit_collection developers",
    "license": "LGPL-3",
    "website": "https://example.com/credit_collection",
    "depends": ["credit_collection", "spreadsheet_dashboard"],
    "data": [
        "data/dashboards.xml",
        "views/credit_collection_menus.xml",
        "views/credit_overview_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
