{
    "name": "Credit & Collections - Inventory",
    "summary": "Hold deliveries to customers on credit hold until a credit controller releases them",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "credit_collection developers",
    "license": "LGPL-3",
    "website": "https://example.com/credit_collection",
    "depends": ["credit_collection", "sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "views/stock_picking_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
