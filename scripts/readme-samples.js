// Keeps the README's Python, Java and Go samples identical to the example apps CI runs, and its install lines in step
// with the package coordinates of package.json's jsii targets (the values .projenrc.ts's publishTo* options set).
//
// A sample is a region of README.md between `<!-- sample:<file> -->` and `<!-- /sample -->`; it is that file, whole,
// in a fenced code block. `node scripts/readme-samples.js` rewrites the regions; `--check` fails when one is stale or
// when an install line or coordinate is missing. `npx projen readme:samples` runs the former.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const readmePath = path.join(root, 'README.md');
const check = process.argv.includes('--check');
const FENCES = { '.py': 'python', '.java': 'java', '.go': 'go', '.ts': 'ts', '.xml': 'xml' };
/** Every language's sample must be in the README: the example apps CI synthesizes. */
const REQUIRED_SAMPLES = ['examples/bin/quickstart.ts', 'examples/python/app.py', 'examples/java/src/main/java/com/example/orders/OrdersApp.java', 'examples/go/main.go'];

const readme = fs.readFileSync(readmePath, 'utf8');
const problems = [];
const seen = new Set();
// `<!-- sample:<file> fixture=bare -->` adds fence info (a jsii-rosetta fixture) after the language.
const updated = readme.replace(/(<!-- sample:([^ >]+)((?: [^ >]+)*) -->\n)([\s\S]*?)(<!-- \/sample -->)/g, (_all, open, file, info, _body, close) => {
  seen.add(file);
  const source = path.join(root, file);
  if (!fs.existsSync(source)) {
    problems.push(`README.md names ${file} as a sample, but it does not exist`);
    return `${open}${_body}${close}`;
  }
  const fence = `${FENCES[path.extname(file)] ?? ''}${info}`;
  const code = fs.readFileSync(source, 'utf8').replace(/\s+$/, '');
  return `${open}\`\`\`${fence}\n${code}\n\`\`\`\n${close}`;
});
for (const file of REQUIRED_SAMPLES) {
  if (!seen.has(file)) problems.push(`README.md has no sample region for ${file} (<!-- sample:${file} --> ... <!-- /sample -->)`);
}

// The coordinates users type, from package.json (generated from .projenrc.ts).
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const targets = pkg.jsii.targets;
const goPackage = `${targets.go.moduleName}/${pkg.name.replace(/[^a-z0-9]/g, '')}`;
const expected = [
  `npm install ${pkg.name}`,
  `pip install ${targets.python.distName}`,
  `<groupId>${targets.java.maven.groupId}</groupId>`,
  `<artifactId>${targets.java.maven.artifactId}</artifactId>`,
  `import ${targets.java.package}.`,
  `from ${targets.python.module} import`,
  `dotnet add package ${targets.dotnet.packageId}`,
  `go get ${goPackage}`,
];
for (const text of expected) {
  if (!updated.includes(text)) problems.push(`README.md does not contain \`${text}\` (from package.json's jsii targets)`);
}

if (check) {
  if (updated !== readme) {
    problems.push('README.md samples differ from the example apps: run `npx projen readme:samples` and commit the result');
  }
} else if (updated !== readme) {
  fs.writeFileSync(readmePath, updated);
  console.log('README.md: samples regenerated from the example apps');
}
if (problems.length > 0) {
  console.error(`readme-samples: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`README.md: ${seen.size} samples match the example apps; install lines match package.json's jsii targets`);
