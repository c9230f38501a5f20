{
    "name": "Credit & Collections",
    "summary": "Credit limits, credit holds, dunning, ageing and collection KPIs",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "credit_collection developers",
    "license": "LGPL-3",
    "website": "https://example.com/credit_collection",
    "depends": ["account", "sale", "mail"],
    "data": [
        "security/credit_collection_groups.xml",
        "views/res_partner_views.xml",
        "views/credit_collection_menus.xml",
    ],
    "demo": [
        "demo/credit_collection_company_demo.xml",
        "demo/credit_collection_partner_demo.xml",
        "demo/credit_collection_invoice_demo.xml",
        "demo/credit_collection_sale_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "credit_collection/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
