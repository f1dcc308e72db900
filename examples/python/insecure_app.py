# The insecure variant: plain aws-cdk-lib with a literal secret in the environment and a public function URL.
# `cdk synth --app "python3 insecure_app.py"` fails and lists the SLS- findings.
from aws_cdk import App, Stack, Validations, aws_lambda as lambda_
from cdk_secure_serverless import ServerlessSecurityChecks


def insecure_orders_stack(app: App) -> Stack:
    stack = Stack(app, "InsecureOrders")
    orders = lambda_.Function(stack, "OrdersFunction",
        runtime=lambda_.Runtime.NODEJS_24_X,
        handler="orders.handler",
        code=lambda_.Code.from_asset("../handlers"),
        environment={"PAYMENT_API_KEY": "sk_live_51H8fWbJq2nX9vK3mT7pL0aQ"})
    orders.add_function_url(auth_type=lambda_.FunctionUrlAuthType.NONE)
    return stack


if __name__ == "__main__":
    app = App()
    insecure_orders_stack(app)
    Validations.of(app).add_plugins(ServerlessSecurityChecks())
    app.synth()
