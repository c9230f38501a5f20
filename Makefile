# The README's commands. Each one sets up what it needs (see tools/dev.sh).
.PHONY: demo test test-odoo-runner test-core lint i18n shell uninstall-check upgrade-check bench-ageing bench-credit-limits bench-posting bench-dunning bench-dunning-workers bench-worklist bench-intelligence bench-statements
demo:
	@bash tools/dev.sh demo
test:
	@bash tools/dev.sh test
test-odoo-runner:
	@bash tools/dev.sh test_odoo_runner
test-core:
	@bash tools/dev.sh test_core
lint:
	@bash tools/dev.sh lint
shell:
	@bash tools/dev.sh shell
i18n:
	@bash tools/dev.sh i18n
uninstall-check:
	@bash tools/dev.sh uninstall_check
upgrade-check:
	@bash tools/dev.sh upgrade_check
bench-ageing:
	@bash tools/dev.sh bench ageing
bench-credit-limits:
	@bash tools/dev.sh bench credit_limits
bench-posting:
	@bash tools/dev.sh bench posting
bench-dunning:
	@bash tools/dev.sh bench dunning
bench-dunning-workers:
	@bash tools/dev.sh bench dunning_workers
bench-worklist:
	@bash tools/dev.sh bench worklist
bench-intelligence:
	@bash tools/dev.sh bench intelligence
bench-statements:
	@bash tools/dev.sh bench statements
