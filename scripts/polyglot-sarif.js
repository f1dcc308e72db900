// Checks that the SARIF of each Python, Java and Go insecure app (examples/<language>/cdk.out.insecure, written by
// scripts/polyglot-example.sh) locates at least one finding in that language's source file, the way code scanning
// shows it. Creation stack traces only exist for JavaScript apps; for the other languages the audit finds the
// construct id in the app's sources. Usage: node scripts/polyglot-sarif.js [python] [java] [go]
const fs = require('fs');
const path = require('path');

const SOURCES = { python: 'insecure_app.py', java: 'InsecureOrdersApp.java', go: 'insecure/main.go' };
const root = path.resolve(__dirname, '..');
const languages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SOURCES);
let missing = 0;
for (const language of languages) {
  const source = SOURCES[language];
  const file = path.join(root, 'examples', language, 'cdk.out.insecure', 'security-audit.sarif');
  if (!fs.existsSync(file)) {
    console.log(`[${language}] MISSING: ${path.relative(root, file)} was not written (run scripts/polyglot-example.sh ${language} first)`);
    missing++;
    continue;
  }
  const sarif = JSON.parse(fs.readFileSync(file, 'utf8'));
  const results = sarif.runs.flatMap((run) => run.results ?? []);
  const uris = new Set();
  const located = [];
  for (const result of results) {
    for (const location of result.locations ?? []) {
      const uri = location.physicalLocation?.artifactLocation?.uri ?? '';
      const line = location.physicalLocation?.region?.startLine ?? 0;
      uris.add(uri);
      if ((uri === source || uri.endsWith(`/${source}`)) && line > 0) located.push(`${result.ruleId} at ${uri}:${line}`);
    }
  }
  if (located.length > 0) {
    console.log(`[${language}] located: ${located.length} of ${results.length} SARIF results point at ${source} (${located.slice(0, 3).join(', ')})`);
  } else {
    console.log(`[${language}] MISSING: none of the ${results.length} SARIF results points at ${source}; they point at `
      + `${[...uris].join(', ') || 'nothing'}. Needed from src/reporting: a source-location fallback for non-JavaScript `
      + 'apps (the construct id found as a string literal in the app\'s .py/.java/.go/.cs files under the working '
      + 'directory; issue 20).');
    missing++;
  }
}
process.exit(missing > 0 ? 1 : 0);
