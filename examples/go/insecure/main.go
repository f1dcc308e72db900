// The insecure variant: plain aws-cdk-lib with a literal secret in the environment and a public function URL.
// `cdk synth --app "go run ./insecure"` fails and lists the SLS- findings.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	secure "github.com/cdk-secure-serverless/cdk-secure-serverless-go/cdksecureserverless"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("InsecureOrders"), nil)
	orders := awslambda.NewFunction(stack, jsii.String("OrdersFunction"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_24_X(),
		Handler: jsii.String("orders.handler"),
		Code:    awslambda.Code_FromAsset(jsii.String("../handlers"), nil),
		Environment: &map[string]*string{
			"PAYMENT_API_KEY": jsii.String("sk_live_51H8fWbJq2nX9vK3mT7pL0aQ"),
		},
	})
	orders.AddFunctionUrl(&awslambda.FunctionUrlOptions{AuthType: awslambda.FunctionUrlAuthType_NONE})
	awscdk.Validations_Of(app).AddPlugins(secure.NewServerlessSecurityChecks(nil, nil))
	app.Synth(nil)
}
