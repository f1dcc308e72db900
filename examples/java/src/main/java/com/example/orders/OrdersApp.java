package com.example.orders;

import dev.cdksecureserverless.FunctionSecret;
import dev.cdksecureserverless.SecureFunction;
import dev.cdksecureserverless.SecureTopic;
import dev.cdksecureserverless.ServerlessSecurityChecks;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.secretsmanager.Secret;

public final class OrdersApp {
    public static Stack ordersStack(final App app) {
        Stack stack = new Stack(app, "Orders");
        Secret apiKey = new Secret(stack, "PaymentApiKey");
        SecureTopic alarms = new SecureTopic(stack, "OpsAlarms");

        // A drop-in replacement for lambda.Function: dedicated least-privilege role, encrypted JSON logs with a finite
        // retention, X-Ray, CMK-encrypted environment, a dead-letter queue, a health alarm, and secrets by reference only.
        SecureFunction handler = SecureFunction.Builder.create(stack, "Handler")
                .runtime(Runtime.NODEJS_24_X)
                .handler("orders.handler")
                .code(Code.fromAsset("../handlers"))
                .secrets(Map.of("PAYMENT_API_KEY_ARN", FunctionSecret.fromSecret(apiKey)))
                .alarmAction(new SnsAction(alarms))
                .build();

        // An exception, written down where it applies: the audit reports list it with its reason.
        Validations.of(handler).acknowledge(Acknowledgment.builder()
                .id("ServerlessSecurityChecks::SLS-LAMBDA-CODE-SIGNING")
                .reason("cdk deploy uploads the bundle unsigned; signing in the pipeline is tracked in SEC-42.")
                .build());
        return stack;
    }

    public static void main(final String[] args) {
        App app = new App();
        ordersStack(app);
        // One line audits the whole app on every `cdk synth`.
        Validations.of(app).addPlugins(new ServerlessSecurityChecks());
        app.synth();
    }
}
