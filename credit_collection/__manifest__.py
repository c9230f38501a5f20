{
    "name": "Credit & Collections",
    "summary": "Credit limits, credit holds, dunning, ageing and collection KPIs",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "credit_collection developers",
    "license": "LGPL-3",
    "website": "https://example.com/credit_collection",
    "depends": ["account", "sale", "mail"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/credit_collection_groups.xml",
        "security/ir.model.access.csv",
        "security/credit_collection_rules.xml",
        "data/ir_cron_data.xml",
        "report/credit_ageing_line_views.xml",
        "wizard/credit_ageing_export_views.xml",
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
