// Fails unless every TypeScript example jsii-rosetta extracted compiled and was translated into every jsii language.
// Usage: node scripts/check-rosetta.js .jsii.tabl.json
const fs = require('fs');

const LANGUAGES = ['python', 'java', 'csharp', 'go'];
const tablet = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const snippets = Object.values(tablet.snippets || {});
const problems = [];
for (const snippet of snippets) {
  const where = snippet.location ? `${snippet.location.api.api ?? ''} ${snippet.location.api.fqn ?? ''} line ${snippet.location.field?.line ?? '?'}` : '?';
  if (snippet.didCompile !== true) problems.push(`${where}: does not compile`);
  for (const language of LANGUAGES) {
    if (!snippet.translations?.[language]?.source) problems.push(`${where}: no ${language} translation`);
  }
}
if (snippets.length === 0) problems.push('no examples were extracted: README.md should contain TypeScript examples');
if (problems.length > 0) {
  console.error(`rosetta: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`rosetta: ${snippets.length} examples compile and translate to ${LANGUAGES.join(', ')}`);
