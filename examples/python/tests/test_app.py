# The audit asserted the way a Python team tests its stacks: evaluate() audits the construct tree without a synth.
from aws_cdk import App
from cdk_secure_serverless import FindingStatus, ServerlessSecurityChecks

from app import orders_stack
from insecure_app import insecure_orders_stack


def open_findings(result):
    return [f for f in result.findings if f.status in (FindingStatus.FAILING, FindingStatus.BELOW_THRESHOLD)]


def test_secure_stack_has_no_open_finding():
    result = ServerlessSecurityChecks().evaluate(orders_stack(App()))
    assert result.passed
    assert [f"{f.rule_id} {f.construct_path}" for f in open_findings(result)] == []


def test_insecure_stack_fails_with_its_findings():
    result = ServerlessSecurityChecks().evaluate(insecure_orders_stack(App()))
    assert not result.passed
    failing = {f.rule_id for f in result.findings if f.status == FindingStatus.FAILING}
    assert {"SLS-LAMBDA-ENV-SECRET", "SLS-LAMBDA-URL-AUTH"} <= failing
