from odoo.tests import tagged
from odoo.tools import format_amount

from ...models.dunning.formatting import batch_formatters
from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
class TestDunningFormatting(CreditLimitTestCommon):
    """The legal files format tens of thousands of figures with their own formatter:
    it writes exactly what format_amount writes, in every language."""

    def test_amounts_as_format_amount_writes_them(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        currencies = self.env.ref("base.EUR") | self.env.ref("base.USD") | self.env.ref("base.JPY")
        currencies.active = True
        for lang in ("en_US", "fr_FR"):
            env = self.env(context=dict(self.env.context, lang=lang))
            amount, _day = batch_formatters(env)
            for currency in currencies.with_env(env):
                for value in (0.0, 7.5, -1234.567, 1234567.891, 999.995):
                    self.assertEqual(
                        amount(value, currency),
                        format_amount(env, value, currency),
                        f"{value} {currency.name} in {lang}",
                    )
