package com.example.orders;

import dev.cdksecureserverless.ServerlessSecurityChecks;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The insecure variant: plain aws-cdk-lib with a literal secret in the environment and a public function URL.
 * {@code cdk synth --app "mvn -q compile exec:java -Dexec.mainClass=com.example.orders.InsecureOrdersApp"} fails
 * and lists the SLS- findings.
 */
public final class InsecureOrdersApp {
    public static Stack insecureOrdersStack(final App app) {
        Stack stack = new Stack(app, "InsecureOrders");
        Function orders = Function.Builder.create(stack, "OrdersFunction")
                .runtime(Runtime.NODEJS_24_X)
                .handler("orders.handler")
                .code(Code.fromAsset("../handlers"))
                .environment(Map.of("PAYMENT_API_KEY", "sk_live_51H8fWbJq2nX9vK3mT7pL0aQ"))
                .build();
        orders.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE).build());
        return stack;
    }

    public static void main(final String[] args) {
        App app = new App();
        insecureOrdersStack(app);
        Validations.of(app).addPlugins(new ServerlessSecurityChecks());
        app.synth();
    }
}
